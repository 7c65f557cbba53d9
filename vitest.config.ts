import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration tests of every package but the browser tests (packages/e2e has its own config).
export default defineConfig({
  // Tests run on the sources of the workspace packages, not on their last build.
  resolve: { alias: { '@parcours/domain': fileURLToPath(new URL('packages/domain/src/index.ts', import.meta.url)) } },
  test: {
    include: ['packages/{domain,server,web}/src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    globalSetup: ['packages/server/src/platform/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
