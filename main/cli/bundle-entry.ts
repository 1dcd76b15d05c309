/** Entry of the CLI bundle (dist/node/cli.mjs, built by scripts/build-node.js): run and exit with the code. */
import { runCli } from './main';

process.exit(await runCli(process.argv.slice(2)));
