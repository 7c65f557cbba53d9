#!/usr/bin/env node
// The `parcours` command. Runs the compiled CLI; `npm ci` builds it (the root `prepare` script).
import('../dist/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('parcours is not built yet: run `npm run build` at the repository root.\n');
    process.exit(1);
  }
  throw error;
});
