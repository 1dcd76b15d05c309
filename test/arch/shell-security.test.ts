import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_URL_ALLOWLIST,
  WEB_PREFERENCES,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  resolveRendererPath,
} from '../../main/shell/security';
import { CHANNEL_NAMES } from '../../shared/contract/names';
import { ROOT } from '../support/cli';

// The Electron binary cannot run on build machines, so the shell is checked where it is decided:
// its settings module (imported and used by main.ts), its source, the page and the packaging config.
// One test per item of the Electron security checklist (issue 9), so a regression names the item.
const shellSource = readFileSync(join(ROOT, 'main/shell/main.ts'), 'utf8');
const preloadSource = readFileSync(join(ROOT, 'main/preload/preload.ts'), 'utf8');
const builderYml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
/** Source without comments, so a commented-out call does not count as protection (or as a breach). */
const code = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
const shellCode = code(shellSource);

function cspDirectives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** Each BrowserWindow the shell creates. */
const windows = [...shellCode.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n\s*\}\);/g)].map((m) => m[1]!);

function fusesFromYml(yml: string): Record<string, string> {
  const block = /^electronFuses:\n((?:[ \t]+.*\n?)*)/m.exec(yml)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^\s+(\w+):\s*(\S+)/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('Electron shell security checklist', () => {
  it('every window uses the shared web preferences (nothing set per window can weaken them)', () => {
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) {
      expect(w).toMatch(/webPreferences:\s*\{\s*\.\.\.WEB_PREFERENCES,\s*preload: preloadPath\s*\}/);
      expect(w).not.toMatch(/contextIsolation|sandbox|nodeIntegration|webSecurity/);
    }
  });

  it('context isolation is on', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(preloadSource).toContain("contextBridge.exposeInMainWorld('motcua'");
    expect(code(preloadSource)).not.toMatch(/window\.\w+\s*=|globalThis\.\w+\s*=/);
  });

  it('the renderer is sandboxed', () => {
    expect(WEB_PREFERENCES.sandbox).toBe(true);
    expect(shellCode).not.toMatch(/app\.commandLine\.appendSwitch\(['"]no-sandbox/);
    expect(shellCode).not.toMatch(/enableSandbox\s*=\s*false|disable-renderer-sandbox/);
  });

  it('no Node integration anywhere (page, workers, sub-frames), web security on, no webview', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    // The preload only talks over IPC: it must not hand Node or Electron objects to the page.
    expect(code(preloadSource)).not.toMatch(/exposeInMainWorld\([^)]*\b(require|process|ipcRenderer|Buffer)\b\s*[,)]/);
    expect(code(preloadSource)).not.toMatch(/ipcRenderer\.send\(|exposeInMainWorld\('ipcRenderer'/);
  });

  it('the CSP is present and strict, identical in the page, the built page and the protocol response', () => {
    const d = cspDirectives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|https?:|\*|data:[^;]*script/);
    for (const file of ['renderer/index.html', 'dist/renderer/index.html']) {
      if (!existsSync(join(ROOT, file))) continue;
      const html = readFileSync(join(ROOT, file), 'utf8');
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
      expect(meta, file).toBe(CONTENT_SECURITY_POLICY);
      expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/); // no inline script body
    }
    expect(shellCode).toContain("headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)");
  });

  it('navigation away from the app is denied (will-navigate and will-redirect)', () => {
    expect(shellCode).toMatch(/'will-navigate',\s*\(event, url\) => \{\s*if \(!url\.startsWith\(`\$\{APP_ORIGIN\}\/`\)\) event\.preventDefault\(\);/);
    expect(shellCode).toMatch(/'will-redirect',\s*\(event, url\) => \{\s*if \(!url\.startsWith\(`\$\{APP_ORIGIN\}\/`\)\) event\.preventDefault\(\);/);
    // The trailing slash matters: app://desk.evil/ must not pass as app://desk/.
    expect(`${APP_ORIGIN}.evil/x`.startsWith(`${APP_ORIGIN}/`)).toBe(false);
    expect(shellCode).toMatch(/'will-attach-webview',\s*\(event\) => event\.preventDefault\(\)/);
    expect(shellCode).toMatch(/app\.on\('web-contents-created'/);
  });

  it('window.open and target=_blank never open a window', () => {
    const handler = /setWindowOpenHandler\(\(\{ url \}\) => \{([\s\S]*?)\n\s*\}\);/.exec(shellCode)?.[1];
    expect(handler).toBeDefined();
    const returns = [...handler!.matchAll(/return\s+\{\s*action:\s*'(\w+)'/g)].map((m) => m[1]);
    expect(returns).toEqual(['deny']);
  });

  it('every permission request and permission check is denied', () => {
    expect(shellCode).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    expect(shellCode).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(shellCode).not.toMatch(/setDevicePermissionHandler\([^)]*true|callback\(true\)/);
  });

  it('IPC answers only our own top-level page (sender frame validated before anything runs)', () => {
    const handler = shellCode.slice(shellCode.indexOf("ipcMain.handle('rpc'"));
    const check = handler.indexOf('frame !== event.sender.mainFrame || !isTrustedSenderUrl(frame.url)');
    expect(check).toBeGreaterThan(0);
    // The refusal comes first: before the core is touched or a session is looked up.
    expect(check).toBeLessThan(handler.indexOf('if (!core)'));
    expect(check).toBeLessThan(handler.indexOf('ipcSessions.call('));
    // One IPC entry point only: no ipcMain.on / other handle calls that skip the check.
    expect([...shellCode.matchAll(/ipcMain\.(handle|on|once|handleOnce)\(/g)]).toHaveLength(1);
    expect(isTrustedSenderUrl('app://desk/index.html')).toBe(true);
    for (const url of ['https://desk/index.html', 'app://evil/index.html', 'app://desk.evil/index.html', 'file:///etc/passwd', 'http://127.0.0.1:3000/', 'about:blank', 'devtools://devtools/', undefined, '', 'not a url']) {
      expect(isTrustedSenderUrl(url), String(url)).toBe(false);
    }
  });

  it('exposes only contract channels and events through the preload', () => {
    expect(preloadSource).toMatch(/if \(!channels\.has\(channel\)\)/);
    expect(preloadSource).toMatch(/if \(!events\.has\(event\)\)/);
    expect(preloadSource).toContain('new Set<string>(CHANNEL_NAMES)');
    expect(CHANNEL_NAMES.length).toBeGreaterThan(10);
  });

  it('loads no remote content: only app:// pages, no http(s) resources in the shell or the built page', () => {
    const loads = [...shellCode.matchAll(/\.(loadURL|loadFile)\(([^)]*)\)/g)].map((m) => m[2]!);
    expect(loads.length).toBeGreaterThan(0);
    for (const arg of loads) expect(arg).toMatch(/^`\$\{APP_SCHEME\}:\/\/\$\{APP_HOST\}\//);
    expect(shellCode).not.toMatch(/['"`]https?:\/\//);
    expect(shellCode).not.toMatch(/\bnet\.request\(|\bfetch\(\s*['"`]https?:/);
    const built = join(ROOT, 'dist/renderer');
    if (existsSync(built)) {
      const files: string[] = [];
      const walk = (dir: string) => readdirSync(dir).forEach((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : files.push(join(dir, f))));
      walk(built);
      for (const f of files.filter((x) => /\.(html|css)$/.test(x))) {
        const text = readFileSync(f, 'utf8');
        expect(text, f).not.toMatch(/(?:src|href)=["']?https?:\/\//i);
        expect(text, f).not.toMatch(/url\(\s*['"]?https?:\/\//i);
        expect(text, f).not.toMatch(/@import\s+(url\()?['"]?https?:/i);
      }
    }
  });

  it('the custom protocol serves only files inside the renderer folder', () => {
    const root = resolve('/opt/motcua/renderer');
    const api = { resolve, sep };
    expect(resolveRendererPath(root, 'app://desk/', api)).toBe(join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://desk/assets/index.js', api)).toBe(join(root, 'assets/index.js'));
    for (const url of ['app://desk/..%2f..%2fetc', 'app://desk/assets/..%2F..%2F..%2Fetc%2Fpasswd', 'app://desk/a%5c..%5c..%5cx', 'app://other/index.html', 'app://desk/%00', 'app://desk/%E0%A4%A']) {
      expect(resolveRendererPath(root, url, api), url).toBeNull();
    }
    // A plain "/../" is folded by the URL parser itself and stays inside the folder.
    expect(resolveRendererPath(root, 'app://desk/../secret', api)).toBe(join(root, 'secret'));
    expect(resolveRendererPath(root, 'app://desk/%2e%2e/%2e%2e/etc/passwd', api)).toBe(join(root, 'etc/passwd'));
  });

  it('shell.openExternal is only reached for allow-listed https addresses', () => {
    const calls = [...shellCode.matchAll(/shell\.openExternal\(/g)];
    expect(calls).toHaveLength(1);
    expect(shellCode).toMatch(/if \(isAllowedExternalUrl\(url\)\) void shell\.openExternal\(url\);/);
    for (const allowed of EXTERNAL_URL_ALLOWLIST) expect(allowed).toMatch(/^https:\/\/[a-z0-9.-]+\//);
    expect(isAllowedExternalUrl('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html')).toBe(true);
    expect(isAllowedExternalUrl('https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1')).toBe(true);
    for (const url of [
      'http://dichvucong.gov.vn/',
      'https://dichvucong.gov.vn.evil.com/',
      'https://dichvucong.gov.vn@evil.com/',
      'https://evil.com/https://dichvucong.gov.vn/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://10.0.0.1/share',
      'https://example.com/',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('the packaged app has its Electron fuses set (electron-builder electronFuses)', () => {
    const fuses = fusesFromYml(builderYml);
    expect(fuses).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
      // The app is served from app://, never file://: file pages get no extra privileges.
      grantFileProtocolExtraPrivileges: 'false',
    });
    expect(builderYml).toMatch(/^asar: true$/m);
  });
});
