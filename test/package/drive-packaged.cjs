/**
 * Runs the packaged main entry under plain Node with the Electron stand-in, then exercises what the
 * shell registered: the app:// protocol (renderer files from the packaged layout, with the CSP) and
 * the `rpc` IPC handler (the real core, on a real SQLite file, through the dispatcher). Prints one
 * JSON line for packaged-layout.test.ts.  Usage: node --require ./electron-stand-in.cjs drive-packaged.cjs <main.cjs>
 */
const main = process.argv[2];
const recorded = globalThis.__electronStandIn;

async function drive() {
  require(main);
  await recorded.ready;
  const serve = recorded.protocolHandlers.app;
  const index = await serve(new Request('app://desk/index.html'));
  const html = await index.text();
  const missingFile = await serve(new Request('app://desk/files/00000000-0000-4000-8000-000000000000'));
  const rpc = recorded.ipcHandlers.rpc;
  const mainFrame = { url: 'app://desk/index.html' };
  const event = { senderFrame: mainFrame, sender: { id: 1, mainFrame, once() {} } };
  const info = await rpc(event, 'app.info', {});
  const iframe = await rpc({ ...event, senderFrame: { url: 'app://desk/index.html' } }, 'app.info', {});
  return {
    privilegedSchemes: recorded.privilegedSchemes.map((s) => s.scheme),
    window: recorded.windows[0] && { url: recorded.windows[0].url, webPreferences: recorded.windows[0].options.webPreferences },
    index: { status: index.status, csp: index.headers.get('content-security-policy'), hasRoot: html.includes('id="root"') },
    missingFileStatus: missingFile.status,
    info,
    iframe,
  };
}

drive().then(
  (out) => {
    process.stdout.write(JSON.stringify(out) + '\n');
    process.exit(0);
  },
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  },
);
