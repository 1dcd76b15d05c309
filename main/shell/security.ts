/**
 * The shell's security settings in one place, so a test can check each item of the Electron
 * security checklist against exactly what the shell uses.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
} as const;

/** Sent as a response header for every document the custom protocol serves (the page also has the meta tag). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'self' blob:";

/** Only our own pages may call the core. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** External links open in the system browser only when they are https and on this list. */
export const EXTERNAL_URL_ALLOWLIST = ['https://dichvucong.gov.vn/', 'https://vbpl.vn/'];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_URL_ALLOWLIST.some((allowed) => url.startsWith(allowed));
  } catch {
    return false;
  }
}

/**
 * Map an app://desk/... request to a file inside the renderer folder, or null when the path
 * tries to leave it (../, encoded separators, absolute paths).
 */
export function resolveRendererPath(rendererRoot: string, requestUrl: string, pathApi: { resolve(...p: string[]): string; sep: string }): string | null {
  let pathname: string;
  try {
    const u = new URL(requestUrl);
    if (u.host !== APP_HOST) return null;
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = pathApi.resolve(rendererRoot);
  const full = pathApi.resolve(root, relative);
  if (full !== root && !full.startsWith(root + pathApi.sep)) return null;
  return full;
}
