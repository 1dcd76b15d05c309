/**
 * A stand-in for the `electron` module, so the packaged main entry (dist/shell/main.cjs) can run
 * under plain Node on machines that cannot download Electron. It implements only what the shell
 * calls, records the protocol and IPC handlers the shell registers, and hands them to the test
 * through globalThis.__electronStandIn. Loaded by packaged-layout.test.ts via --require.
 */
const Module = require('node:module');
const { readFile } = require('node:fs/promises');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { fileURLToPath } = require('node:url');

const recorded = { protocolHandlers: {}, ipcHandlers: {}, windows: [], privilegedSchemes: [], sent: [], ready: null };
let markReady;
recorded.ready = new Promise((resolve) => (markReady = resolve));
const emitter = () => ({ on() {}, once() {} });

class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = { id: 1, send: (name, payload) => recorded.sent.push([name, payload]), ...emitter() };
    recorded.windows.push(this);
  }
  once() {}
  on() {}
  show() {}
  async loadURL(url) {
    this.url = url;
    markReady();
  }
  static getAllWindows() {
    return recorded.windows;
  }
}

const electron = {
  app: {
    requestSingleInstanceLock: () => true,
    quit: () => process.exit(0),
    on() {},
    whenReady: () => Promise.resolve(),
    getPath: () => mkdtempSync(join(tmpdir(), 'motcua-standin-userdata-')),
    isPackaged: true,
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => recorded.privilegedSchemes.push(...schemes),
    handle: (scheme, handler) => (recorded.protocolHandlers[scheme] = handler),
  },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
  ipcMain: { handle: (channel, handler) => (recorded.ipcHandlers[channel] = handler) },
  // The shell serves renderer files with net.fetch(file://…); a file read is what Electron does for it.
  net: { fetch: async (url) => new Response(await readFile(fileURLToPath(url)), { headers: { 'content-type': 'text/html' } }) },
  shell: { openExternal: async () => {} },
  BrowserWindow,
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return 'electron';
  return resolveFilename.call(this, request, ...rest);
};
require.cache.electron = { id: 'electron', filename: 'electron', loaded: true, exports: electron };
globalThis.__electronStandIn = recorded;
