import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { SCAN_IMPORT_MAX_BODY, scanImportTooLarge } from '../../shared/contract/scans.schema';
import type { Envelope } from '../../shared/errors';
import { vi } from '../../shared/i18n/vi';
import type { App } from '../app/create-app';
import type { DeskRuntime } from '../app/runtime';
import { answerFileRequest } from '../app/file-serving';

/**
 * Browser mode: the same core over HTTP on 127.0.0.1, for machines without the Electron binary
 * and for Playwright. Every /rpc and /events request must carry the per-launch token, come to a
 * loopback Host (against DNS rebinding) and, when a browser sends an Origin, from our own origin.
 */
export interface HostOptions {
  /** A fixed app (tests), or… */
  app?: App;
  /** …the long-running runtime, whose app can be reopened after a restore or be absent in recovery mode. */
  runtime?: DeskRuntime;
  /** Folder with the built renderer (index.html + assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Only loopback addresses are accepted; anything else throws before listening. */
  bindAddress?: string;
  token?: string;
  /** Largest JSON body accepted on /rpc. */
  maxBodyBytes?: number;
}

export interface RunningHost {
  url: string;
  /** The URL to open in a browser: carries the token in the fragment (never sent over the wire). */
  openUrl: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function assertLoopback(address: string): void {
  if (!LOOPBACK.has(address) && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)) {
    throw new Error(`Refusing to listen on ${address}: the desk host only binds to loopback (127.0.0.1).`);
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
};

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  assertLoopback(bindAddress);
  const token = options.token ?? randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const staticRoot = resolve(options.staticDir);
  const fixedApp = options.app;
  const runtime = options.runtime;
  if (!fixedApp && !runtime) throw new Error('startHost needs an app or a runtime');
  const currentApp = (): App | null => (runtime ? runtime.app() : fixedApp!);
  const dispatcher = runtime ? runtime.dispatcher : fixedApp!.dispatcher;
  const appEvents = runtime ? runtime.events : fixedApp!.events;
  const log = (runtime ? runtime.logger : fixedApp!.deps.logger).child('host');
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error('host request failed', { url: req.url, message: (err as Error)?.message, stack: (err as Error)?.stack });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: vi.errors.internal } });
      else res.end();
    });
  });
  // Browsers and test clients keep connections open for reuse; Node closes idle ones after 5 s by default,
  // and a request sent on a socket just being closed fails with ECONNRESET. Keep them longer than clients do.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostHeaderAllowed(req.headers.host, port)) {
      sendJson(res, 421, { ok: false, error: { code: 'forbidden', message: 'Host không hợp lệ.' } });
      return;
    }
    if (url.pathname.startsWith('/rpc/')) return handleRpc(req, res, decodeURIComponent(url.pathname.slice('/rpc/'.length)));
    if (url.pathname === '/events') return handleEvents(req, res, url);
    if (url.pathname.startsWith('/files/')) return handleFile(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(url.pathname, res);
  }

  function sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  }

  function authorised(req: IncomingMessage, presented: string | null): boolean {
    if (!sameOrigin(req)) return false;
    if (!presented) return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const auth = req.headers.authorization;
    // The citizen's rating tab holds only its narrow pass, not the launch token: the dispatcher lets
    // that pass reach the citizen channels and nothing else (core/tracking/citizen.service.ts).
    if (auth?.startsWith(CITIZEN_SCHEME)) return handleCitizenRpc(req, res, channel, auth.slice(CITIZEN_SCHEME.length));
    const presented = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
    if (!authorised(req, presented)) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: vi.errors.unauthenticated } });
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    // Imported scans travel as base64 in JSON: only that channel gets the larger body limit.
    const isImport = channel === 'scans.import';
    const body = await readBody(req, isImport ? Math.max(maxBody, SCAN_IMPORT_MAX_BODY) : maxBody);
    if (body === 'too_large') {
      const message = isImport ? scanImportTooLarge(Math.round(((Number(req.headers['content-length']) || SCAN_IMPORT_MAX_BODY) * 3) / 4 / 1024 / 1024)) : 'Dữ liệu gửi lên quá lớn.';
      sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message } });
      return;
    }
    let input: unknown = {};
    if (body.length > 0) {
      let text: string;
      try {
        // Strict decoding: a body of broken UTF-8 would otherwise be stored as "Lê ��".
        text = UTF8.decode(body);
      } catch {
        sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: vi.errors.invalid_utf8 } });
        return;
      }
      try {
        input = JSON.parse(text);
      } catch {
        sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: vi.errors.invalid_json } });
        return;
      }
    }
    // The officer's session rides in its own header; the dispatcher resolves it and checks the role.
    const envelope = await dispatcher.call(channel, input, { actor: 'desk', transport: 'http', ...sessionOf(req) });
    sendJson(res, 200, envelope);
  }

  async function handleCitizenRpc(req: IncomingMessage, res: ServerResponse, channel: string, pass: string): Promise<void> {
    if (!sameOrigin(req) || pass.length === 0) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: vi.citizen.passExpired } });
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const body = await readBody(req, CITIZEN_MAX_BODY);
    let input: unknown = {};
    try {
      if (body === 'too_large') throw new Error('too large');
      if (body.length > 0) input = JSON.parse(UTF8.decode(body));
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: vi.errors.invalid_json } });
      return;
    }
    sendJson(res, 200, await dispatcher.call(channel, input, { actor: 'citizen', transport: 'http', citizenToken: pass }));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    // EventSource cannot send headers, so the token comes in the query string (loopback only).
    if (!authorised(req, url.searchParams.get('token'))) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: vi.errors.unauthenticated } });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = appEvents.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  }

  /** Stored documents by id (a PDF preview in an iframe cannot send headers, so the token is in the query). */
  async function handleFile(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!authorised(req, url.searchParams.get('token'))) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: vi.errors.unauthenticated } });
      return;
    }
    // The sign-in check and the headers are the shell's too (main/app/file-serving.ts).
    const session = req.headers[SESSION_HEADER] ?? url.searchParams.get('session');
    const answer = await answerFileRequest(currentApp(), url.pathname.slice('/files/'.length), typeof session === 'string' ? session : null);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (decoded.includes('\0')) {
      res.writeHead(400).end();
      return;
    }
    const candidate = resolve(staticRoot, '.' + normalize('/' + decoded));
    if (candidate !== staticRoot && !candidate.startsWith(staticRoot + sep)) {
      res.writeHead(403).end();
      return;
    }
    let file = candidate;
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // Single-page app: unknown paths without an extension get index.html.
      if (extname(decoded) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Không tìm thấy.');
        return;
      }
      file = join(staticRoot, 'index.html');
      if (!existsSync(file)) {
        res
          .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('Giao diện chưa được dựng. Chạy "npm run build:renderer" rồi mở lại.');
        return;
      }
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      'Referrer-Policy': 'no-referrer',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindAddress, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  log.info('host listening', { url });
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((res) => {
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}

/** `Authorization: Citizen <pass>`: the citizen's rating tab (renderer/src/features/tracking/citizen-client.ts). */
export const CITIZEN_SCHEME = 'Citizen ';
/** A rating with its comment is small; nothing bigger is ever needed on a citizen pass. */
const CITIZEN_MAX_BODY = 16 * 1024;

/** The header that carries an officer's session token (browser mode). */
export const SESSION_HEADER = 'x-motcua-session';

function sessionOf(req: IncomingMessage): { sessionToken?: string } {
  const value = req.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? { sessionToken: value } : {};
}

function hostHeaderAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
