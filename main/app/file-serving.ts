/**
 * One decision for serving a stored file (a scan, a PDF preview) to a page, used by both page
 * transports: the HTTP host's /files/<id> route and the Electron shell's app://desk/files/<id>
 * protocol (issue 15 item 9). Before, the shell served any id without the sign-in check the host
 * made and without the sandboxing policy, so a page script (or a link in a stored PDF) in the
 * desktop app read citizens' documents after sign-out. Plain Node, so it is tested without Electron.
 */
import { vi } from '../../shared/i18n/vi';
import type { App } from './create-app';
import { serveFileBytes } from './files';

/**
 * Sent with every stored file: a document opened on its own is sandboxed (no scripts, no forms,
 * no same-origin access to the desk), and never sniffed into HTML.
 */
export const STORED_FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: blob:";

export interface FileAnswer {
  status: 200 | 401 | 404;
  headers: Record<string, string>;
  body: Buffer;
}

const FILE_ID = /^[0-9a-f-]{36}$/;

function json(status: 401 | 404, code: string, message: string): FileAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    body: Buffer.from(JSON.stringify({ ok: false, error: { code, message } })),
  };
}

/**
 * What to answer for file `id`, asked by a page whose officer session is `sessionToken` (null when
 * nobody is signed in). Documents hold citizens' data: once officers exist, only a signed-in page
 * may read them. `app` is null in recovery mode (nothing to serve).
 */
export async function answerFileRequest(app: App | null, id: string, sessionToken: string | null): Promise<FileAnswer> {
  if (!app || !(await app.mayReadFiles(sessionToken))) return json(401, 'unauthenticated', vi.auth.unauthenticated);
  const file = FILE_ID.test(id) ? await serveFileBytes(app, id) : undefined;
  if (!file) return json(404, 'not_found', vi.errors.not_found);
  return {
    status: 200,
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
      'Content-Security-Policy': STORED_FILE_CSP,
    },
    body: file.bytes,
  };
}
