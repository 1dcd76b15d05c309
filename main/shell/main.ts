import { app, BrowserWindow, ipcMain, net, protocol, screen, session, shell, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_NAMES } from '../../shared/contract/names';
import { vi } from '../../shared/i18n/vi';
import type { Envelope } from '../../shared/errors';
import { answerFileRequest } from '../app/file-serving';
import { createJsonLogger } from '../app/json-logger';
import { startDeskRuntime, type DeskRuntime } from '../app/runtime';
import { createIpcSessions, type IpcSessions } from '../app/ipc-sessions';
import type { CitizenPass } from '../../shared/contract/citizen.channels';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  WEB_PREFERENCES,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  resolveRendererPath,
} from './security';

/**
 * The Electron entry: a thin shell. It opens one window on the built renderer (served from the
 * app:// protocol), and relays `rpc` calls to the same dispatcher the host and CLI use. All
 * behaviour is in the core; nothing here decides anything about dossiers.
 */

// Must run before `ready`: app:// behaves like a secure, standard origin (fetch, CSP 'self').
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

// One desk app per machine user: a second launch focuses the first window.
if (!app.requestSingleInstanceLock()) app.quit();

// The runtime, not a bare App: a restore reopens the store under it, and a damaged database opens
// in recovery mode (the window then shows the recovery screen) instead of failing to start.
let core: DeskRuntime | null = null;
let mainWindow: BrowserWindow | null = null;
/** The citizen's rating window (a second monitor when there is one); one at a time. */
let citizenWindow: BrowserWindow | null = null;
let ipcSessions: IpcSessions | null = null;
const trackedSenders = new Set<number>();

const rendererRoot = resolve(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

// Deny everything a page might ask for: new windows, navigation away, permissions, webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

async function start(): Promise<void> {
  const dataDir = process.env.MOTCUA_DATA_DIR ?? app.getPath('userData');
  const logger = createJsonLogger(dataDir);
  core = await startDeskRuntime({ dataDir, logger, backgroundJobs: true });

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  protocol.handle(APP_SCHEME, async (request) => {
    // Stored documents (PDF previews, scans) come from the store, by id.
    // The same sign-in check and headers as the host's /files route (main/app/file-serving.ts); the
    // session is the window's, which only this process holds (ipc-sessions.ts).
    const fileId = /^app:\/\/desk\/files\/([^/?#]+)$/.exec(request.url)?.[1];
    if (fileId !== undefined) {
      const windowSession = mainWindow && ipcSessions ? ipcSessions.sessionOf(mainWindow.webContents.id) : null;
      const answer = await answerFileRequest(core?.app() ?? null, fileId, windowSession);
      return new Response(new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
    }
    const file = resolveRendererPath(rendererRoot, request.url, { resolve, sep });
    if (!file) return new Response('Forbidden', { status: 403 });
    const target = existsSync(file) ? file : join(rendererRoot, 'index.html');
    const response = await net.fetch(pathToFileURL(target).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });

  ipcMain.handle('rpc', async (event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
    // Only our own top-level page may call the core (not an iframe, not a navigated-away page).
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isTrustedSenderUrl(frame.url)) {
      return { ok: false, error: { code: 'forbidden', message: vi.errors.forbidden } };
    }
    if (!core) return { ok: false, error: { code: 'store_unavailable', message: vi.errors.store_unavailable } };
    // The window's session token stays here in the main process (main/app/ipc-sessions.ts).
    const sender = event.sender;
    if (!trackedSenders.has(sender.id)) {
      trackedSenders.add(sender.id);
      sender.once('destroyed', () => {
        trackedSenders.delete(sender.id);
        void ipcSessions?.forget(sender.id);
      });
    }
    ipcSessions ??= createIpcSessions(core.dispatcher, { openCitizenWindow, citizenRated: closeCitizenWindowSoon });
    return ipcSessions.call(sender.id, String(channel), input);
  });

  // Core events fan out to the window, under the same names the contract lists.
  core.events.subscribe((name, payload) => {
    if ((EVENT_NAMES as readonly string[]).includes(name)) mainWindow?.webContents.send(`event:${name}`, payload);
  });

  createWindow();
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'MotCua Desk',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f4f6f9',
    webPreferences: { ...WEB_PREFERENCES, preload: preloadPath },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);
}

/** How long the citizen sees the thanks before their window closes by itself. */
const CITIZEN_THANKS_MS = 6000;

/**
 * The rating screen for one returned dossier (issue 14 item 8), bound to the citizen pass in the main
 * process: the page never holds it, and the pass reaches the citizen channels only. On a second
 * display it fills that screen, facing the citizen; otherwise it is a window beside the desk's.
 */
function openCitizenWindow(pass: CitizenPass): void {
  citizenWindow?.destroy();
  const displays = screen.getAllDisplays();
  const primary = screen.getPrimaryDisplay();
  const other = displays.find((d) => d.id !== primary.id);
  const win = new BrowserWindow({
    ...(other ? { x: other.bounds.x, y: other.bounds.y, fullscreen: true } : { width: 1024, height: 720 }),
    title: vi.citizen.title,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f4f6f9',
    webPreferences: { ...WEB_PREFERENCES, preload: preloadPath },
  });
  citizenWindow = win;
  const id = win.webContents.id;
  ipcSessions?.bindCitizen(id, pass.token);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (citizenWindow === win) citizenWindow = null;
    void ipcSessions?.forget(id);
  });
  void win.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html#/citizen`);
}

function closeCitizenWindowSoon(senderId: number): void {
  const win = citizenWindow;
  if (!win || win.webContents.id !== senderId) return;
  setTimeout(() => {
    if (!win.isDestroyed()) win.close();
  }, CITIZEN_THANKS_MS);
}

app.whenReady().then(start).catch((err: unknown) => {
  // Without the core the window would be useless: say why and quit.
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`MotCua Desk không khởi động được: ${message}\n`);
  app.quit();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) createWindow();
});

app.on('before-quit', () => {
  void core?.close();
});
