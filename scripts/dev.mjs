#!/usr/bin/env node
// `npm run dev`: the server from source (restarting on change) and Vite with its proxy, together.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'packages/server/src/cli.ts', 'start', '--demo'], { stdio: 'inherit' }),
  spawn('npm', ['run', 'dev', '-w', '@parcours/web'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && stop());
