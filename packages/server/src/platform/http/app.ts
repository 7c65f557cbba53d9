import fs from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { loggerOptions } from '../logger.js';
import { requireDeclaredPolicies } from '../auth/hook.js';
import type { RoutePolicy } from '../auth/policy.js';
import { installErrorHandling, sendFrameworkError, sendProblem } from './errors.js';
import { registerHealthRoutes } from './health.js';
import { Problem } from './problem.js';
import { applySecurityHeaders } from './security-headers.js';
import { refuseUndeclaredInput, zodValidatorCompiler } from './validation.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** `METHOD url` → the access policy the route declared. */
    routePolicies: Map<string, RoutePolicy>;
  }
}

export interface BuildOptions {
  /** Registers the modules' routes; kept outside the platform so that it never imports a module. */
  modules: (app: FastifyInstance, ctx: AppContext) => Promise<void> | void;
}

/** Builds the HTTP application: error handling, API docs, health, the modules, and the web app. */
export async function buildApp(ctx: AppContext, options: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: ctx.logger.level === 'silent' ? false : { ...loggerOptions(ctx.logger.level) },
    bodyLimit: 1_048_576,
    // Finish requests in flight on close, but drop idle keep-alive sockets so shutdown is quick.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    requestIdHeader: false,
    // Only a configured proxy may say who the client is: anyone else could forge X-Forwarded-For.
    trustProxy: ctx.config.trustProxy.length > 0 ? ctx.config.trustProxy : false,
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: sendFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  refuseUndeclaredInput(app);
  app.decorate('routePolicies', requireDeclaredPolicies(app));
  const https = ctx.config.publicUrl.startsWith('https://');
  await app.register(fastifyCookie);
  // Every answer is compressed anew: gzip, when the client takes it, costs a tenth of brotli's CPU
  // for JSON as small (≈0.15 against 1.5 ms for a slot search's tens of kilobytes).
  await app.register(fastifyCompress, { encodings: ['gzip', 'br'], threshold: 1024 });
  applySecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through inline styles; no inline script is ever allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Over plain http (a LAN address, a test host) upgrading would point every asset at nothing.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  // Answers of the API may carry health data: no cache, shared or private, keeps them.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // A broad per-address ceiling; log-in has its own, finer throttling per account.
  // Loopback is spared outside production only (tests, benchmarks); behind a proxy, the client's address counts.
  await app.register(fastifyRateLimit, {
    max: 600,
    timeWindow: '1 minute',
    allowList: ctx.config.env === 'production' ? [] : ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parcours API',
        version: '0.1.0',
        description: 'Plateforme de télémédecine — API REST. Errors are RFC 9457 application/problem+json.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The API waits for the database to be up and migrated; /health does not.
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/v1/')) await ctx.ready;
  });

  registerHealthRoutes(app, ctx);
  await app.register(async (scope) => options.modules(scope, ctx));
  await serveWebApp(app, ctx);
  return app;
}

/**
 * The built SPA, when present: static files, and index.html for client-side routes (a browser asking
 * for a page). Anything else unknown is a 404 problem.
 */
async function serveWebApp(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = ctx.config.webDist ?? path.resolve(import.meta.dirname ?? '.', '../../../../web/dist');
  const built = fs.existsSync(path.join(root, 'index.html'));
  if (built)
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Vite names the files of assets/ by their content: they never change, so they are kept a year.
      setHeaders: (res, file) =>
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  else ctx.logger.warn({ root }, 'web app not built; serving the API only');
  app.setNotFoundHandler((request, reply) => {
    // Any GET of a path without an extension outside the API is a page of the app, whatever the
    // client accepts (curl sends */*): the app's router decides what it shows.
    const isPage = built && request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0] ?? '');
    if (isPage) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    return sendProblem(request, reply, new Problem(404, 'not-found'));
  });
}
