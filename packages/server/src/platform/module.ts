import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';
import type { Authentication } from './auth/hook.js';
import { installAuthentication } from './auth/hook.js';
import type { Db, Tx } from './database/database.js';
import { registerProblemTitles, type ProblemTitles } from './http/problem-titles.js';
import { registerRealtime, REALTIME_PROBLEMS, type Realtime, type RealtimeOptions, type TopicFamily } from './realtime/index.js';

/** What the demo seeding passes from one module to the next: ids by a name they agree on (an e-mail…). */
export type DemoIds = Map<string, string>;

/**
 * A bounded context, as the platform loads it. Its folder holds the rest: routes, service (the only
 * door other modules use), store (SQL on its own tables), schemas, tests.
 */
export interface ModuleManifest<Tables = object> {
  name: string;
  /** The tables it owns (its migrations create them); no other module's store can name them. */
  tables: readonly (keyof Tables & string)[];
  /** Its problem types with their French and English titles. */
  problems?: ProblemTitles;
  /** Its HTTP routes. */
  register?(app: FastifyInstance, deps: AppContext): void | Promise<void>;
  /** The one module that knows sessions resolves the caller of every request. */
  authenticate?(deps: AppContext): (request: FastifyRequest) => Promise<Authentication | null>;
  /** Its part of the demo organisation, in the list's order, inside the one seeding transaction. */
  seedDemo?(tx: Tx, ids: DemoIds): Promise<void>;
  /** Live topic families its pages follow (`patient:<id>`…), each behind the same policy as its routes. */
  topics?: readonly TopicFamily[];
  /** Event subjects it publishes (`<context>.<fact>`). */
  events?: readonly string[];
  /** Durable jobs it runs, by name. */
  jobs?: readonly string[];
}

/** Declares a module, checking its table names against its table types. */
export function defineModule<Tables>(manifest: ModuleManifest<Tables>): ModuleManifest<Tables> {
  return manifest;
}

/**
 * Loads the modules in order: their problem titles, the authentication, their routes, then the one
 * live endpoint with their topics.
 */
export async function loadModules(
  app: FastifyInstance,
  ctx: AppContext,
  manifests: readonly ModuleManifest[],
  live: Partial<Omit<RealtimeOptions, 'bus' | 'authenticate' | 'topics'>> = {},
): Promise<Realtime> {
  registerProblemTitles('realtime', REALTIME_PROBLEMS);
  const owners = new Map<string, string>();
  for (const manifest of manifests) {
    for (const table of manifest.tables) {
      const owner = owners.get(table);
      if (owner) throw new Error(`Table ${table} is claimed by both ${owner} and ${manifest.name}`);
      owners.set(table, manifest.name);
    }
    if (manifest.problems) registerProblemTitles(manifest.name, manifest.problems);
  }
  const authenticators = manifests.filter((m) => m.authenticate);
  if (authenticators.length !== 1) throw new Error(`Exactly one module must authenticate requests, not ${authenticators.length}`);
  const authenticate = authenticators[0]!.authenticate!(ctx);
  installAuthentication(app, authenticate);
  for (const manifest of manifests) await manifest.register?.(app, ctx);
  return registerRealtime(app, {
    bus: ctx.events,
    authenticate,
    topics: manifests.flatMap((m) => m.topics ?? []),
    allowedOrigins: [ctx.config.publicUrl],
    tokenSecret: ctx.config.liveTokenSecret,
    logger: ctx.logger,
    ...live,
  });
}

/** Seeds every module's demo part in one transaction: a half-seeded database never exists. */
export async function seedModulesDemo(db: Db, manifests: readonly ModuleManifest[]): Promise<void> {
  const ids: DemoIds = new Map();
  await db.transaction().execute(async (tx) => {
    for (const manifest of manifests) await manifest.seedDemo?.(tx, ids);
  });
}
