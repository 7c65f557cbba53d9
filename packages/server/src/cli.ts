#!/usr/bin/env node
// The `parcours` command. It only sets how the heap grows, then loads the rest: that setting must
// come before the hundreds of modules are read and compiled (see platform/memory.ts).
import { startupBegins } from './platform/memory.js';

startupBegins();
const { run } = await import('./commands.js');
await run(process.argv.slice(2));
