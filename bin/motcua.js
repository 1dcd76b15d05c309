#!/usr/bin/env node
// The `motcua` command. Runs the esbuild bundle (dist/node/cli.mjs) when it is up to date with the
// sources, so a command starts without compiling TypeScript; otherwise (right after `npm install`,
// or while editing) it runs the TypeScript through tsx, so `npx motcua` always works with no build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/node/cli.mjs');

function bundleIsFresh() {
  if (process.env.MOTCUA_CLI_FROM_SOURCE === '1' || !existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  const stack = [join(root, 'main'), join(root, 'shared')];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.ts') && statSync(full).mtimeMs > built) return false;
    }
  }
  return true;
}

if (bundleIsFresh()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runCli } = await import('../main/cli/main.ts');
  process.exit(await runCli(process.argv.slice(2)));
}
