// The architecture's boundaries, as lint rules (docs/architecture.md, "A module is a unit"):
// - domain is pure: it imports no server, web or I/O code;
// - platform imports no module (its test harness, which starts the whole server, aside);
// - a module reaches another only through its service.ts (tests may also use the modules' index
//   and testing helpers to arrange data across contexts);
// - web imports no server code.
// A crossing is a lint error; scripts/boundaries.test.ts checks that each rule does fail.

const SERVER_OR_WEB = {
  group: ['@parcours/server', '@parcours/server/*', '@parcours/web', '@parcours/web/*'],
  message: 'The domain and the web app import no server code.',
};

const restrict = (patterns, paths = []) => ['error', { patterns, paths }];

/** Another module's file that is not its service: `../<module>/<file>` where file ≠ service.js. */
const OTHER_MODULE_INTERNALS = {
  regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!service\\.js$)',
  message: 'A module reaches another only through its service.ts.',
};
const MODULE_LIST = { regex: '^\\.\\./(index|testing)\\.js$', message: 'A module does not import the list of modules.' };

export const architectureBoundaries = [
  {
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        SERVER_OR_WEB,
        { regex: '(^|/)(server|web|e2e)/', message: 'The domain is pure: no server or web code.' },
        { group: ['fastify', 'kysely', 'pg', 'react', 'react-dom'], message: 'The domain is pure: no I/O, no framework.' },
      ]),
    },
  },
  {
    // Its tests may read their fixtures from disk; the code itself may not.
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': restrict([
        SERVER_OR_WEB,
        { regex: '(^|/)(server|web|e2e)/', message: 'The domain is pure: no server or web code.' },
        { group: ['node:*', 'fastify', 'kysely', 'pg', 'react', 'react-dom'], message: 'The domain is pure: no I/O, no framework.' },
      ]),
    },
  },
  {
    files: ['packages/server/src/platform/**/*.ts'],
    ignores: ['packages/server/src/platform/testing/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { regex: '(^|/)modules(/|$)', message: 'The platform imports no module: modules register with it (modules/index.ts).' },
        { regex: '^(\\.\\./)+(server|demo|cli|openapi)\\.js$', message: 'The platform imports no module, nor what assembles them.' },
      ]),
    },
  },
  {
    files: ['packages/server/src/modules/*/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict([OTHER_MODULE_INTERNALS, MODULE_LIST]) },
  },
  {
    files: ['packages/server/src/modules/*/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!(service|index)\\.js$)',
          message: 'A test reaches another module through its service or index.',
        },
      ]),
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([SERVER_OR_WEB, { regex: '(^|/)server/', message: 'The web app imports no server code.' }]),
    },
  },
];
