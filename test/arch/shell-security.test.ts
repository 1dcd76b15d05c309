import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  WEB_PREFERENCES,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  resolveRendererPath,
} from '../../main/shell/security';
import { ROOT } from '../support/cli';

// The Electron binary cannot run on build machines, so the shell is checked where it is decided:
// its settings module (imported and used by main.ts) and its source.
const shellSource = readFileSync(join(ROOT, 'main/shell/main.ts'), 'utf8');
const preloadSource = readFileSync(join(ROOT, 'main/preload/preload.ts'), 'utf8');

describe('Electron shell security checklist', () => {
  it('isolates the renderer: context isolation, sandbox, no Node integration, web security on', () => {
    expect(WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    expect(shellSource).toMatch(/webPreferences:\s*\{\s*\.\.\.WEB_PREFERENCES,\s*preload: preloadPath\s*\}/);
  });

  it('has a strict CSP, the same in the page and in the protocol response', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
    const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(shellSource).toContain("headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)");
  });

  it('denies new windows, navigation away, webviews and every permission request', () => {
    expect(shellSource).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
    expect(shellSource).toMatch(/'will-navigate'[\s\S]*?preventDefault\(\)/);
    expect(shellSource).toMatch(/'will-attach-webview'[\s\S]*?preventDefault\(\)/);
    expect(shellSource).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    expect(shellSource).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
  });

  it('answers IPC only from its own top-level page', () => {
    expect(shellSource).toMatch(/frame !== event\.sender\.mainFrame \|\| !isTrustedSenderUrl\(frame\.url\)/);
    expect(isTrustedSenderUrl('app://desk/index.html')).toBe(true);
    for (const url of ['https://desk/index.html', 'app://evil/index.html', 'file:///etc/passwd', 'http://127.0.0.1:3000/', undefined, 'not a url']) {
      expect(isTrustedSenderUrl(url)).toBe(false);
    }
  });

  it('exposes only contract channels through the preload', () => {
    expect(preloadSource).toContain("contextBridge.exposeInMainWorld('motcua'");
    expect(preloadSource).toMatch(/if \(!channels\.has\(channel\)\)/);
    expect(preloadSource).not.toMatch(/ipcRenderer\.send\(|exposeInMainWorld\('ipcRenderer'/);
  });

  it('serves the renderer from the custom protocol without leaving its folder', () => {
    const root = resolve('/opt/motcua/renderer');
    const api = { resolve, sep };
    expect(resolveRendererPath(root, 'app://desk/', api)).toBe(join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://desk/assets/index.js', api)).toBe(join(root, 'assets/index.js'));
    // Encoded traversal, backslashes, NUL and foreign hosts are refused outright.
    for (const url of ['app://desk/..%2f..%2fetc', 'app://desk/assets/..%2F..%2F..%2Fetc%2Fpasswd', 'app://desk/a%5c..%5c..%5cx', 'app://other/index.html', 'app://desk/%00']) {
      expect(resolveRendererPath(root, url, api), url).toBeNull();
    }
    // A plain "/../" is folded by the URL parser itself and stays inside the folder.
    expect(resolveRendererPath(root, 'app://desk/../secret', api)).toBe(join(root, 'secret'));
    expect(resolveRendererPath(root, 'app://desk/%2e%2e/%2e%2e/etc/passwd', api)).toBe(join(root, 'etc/passwd'));
  });

  it('opens external links only for allow-listed https addresses', () => {
    expect(isAllowedExternalUrl('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html')).toBe(true);
    for (const url of ['http://dichvucong.gov.vn/', 'https://dichvucong.gov.vn.evil.com/', 'file:///C:/Windows', 'javascript:alert(1)', 'https://example.com/']) {
      expect(isAllowedExternalUrl(url)).toBe(false);
    }
  });
});
