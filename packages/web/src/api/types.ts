import type { paths } from './schema.js';

// Names for the shapes of the OpenAPI document (schema.d.ts), so that features name what a route
// takes and answers instead of copying it: a change of a route breaks the build where it is used.

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body a route takes: `RequestBody<'/api/v1/me', 'patch'>`. */
export type RequestBody<P extends keyof paths, M extends Method> = Json<NonNullable<Operation<P, M>['requestBody']>>;

/** The JSON a route answers with on success: `Reply<'/api/v1/me', 'get'>`. */
export type Reply<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? Json<R[keyof R & (200 | 201 | 202)]> : never;
