#!/usr/bin/env node
// The `motcua` command. Runs the TypeScript CLI through tsx, so `npx motcua` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/main.ts');
process.exit(await runCli(process.argv.slice(2)));
