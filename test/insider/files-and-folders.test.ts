// Insider finding 9 (issue 15): hostile backup folders, and one file-serving check for the host and the shell.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerFileRequest, STORED_FILE_CSP } from '../../main/app/file-serving';
import { createIpcSessions } from '../../main/app/ipc-sessions';
import { listBackups } from '../../main/core/admin/backup';
import { storeFile } from '../../main/core/files/files.service';
import { freshApp } from '../support/app';
import { ROOT } from '../support/cli';
import { storeTargets } from '../support/stores';

type Env = Awaited<ReturnType<typeof freshApp>>;

describe.each(storeTargets())('backup.list with a hostile folder ($name)', (target) => {
  let env: Env | undefined;
  afterEach(async () => {
    await env?.cleanup();
    env = undefined;
  });

  it.each([
    ['a NUL byte', '/tmp/sao\u0000luu', 'U+0000'],
    ['a 300-character folder name', `/tmp/${'a'.repeat(300)}`, '255 byte'],
    ['an ESC sequence', '/tmp/\u001B[2Jsaoluu', 'U+001B'],
  ])('%s is invalid_input with a message naming the backup folder (not internal)', async (_what, folder, said) => {
    env = await freshApp(target);
    const r = await env.app.client().call('backup.list', { folder });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.issues?.[0]).toMatchObject({ path: 'folder', message: expect.stringContaining('Thư mục sao lưu') });
    expect(r.error.issues?.[0]?.message).toContain(said);
  });

  it('a long path made of parts the schema allows still lists (a real folder that does not exist lists nothing)', async () => {
    env = await freshApp(target);
    const r = await env.app.client().call('backup.list', { folder: `/tmp/${Array.from({ length: 30 }, () => 'thu-muc').join('/')}` });
    expect(r.ok).toBe(true);
  });
});

describe('the core maps a path the OS refuses to invalid_input too (defence behind the schema)', () => {
  it('ENAMETOOLONG and a NUL from the file system are the admin’s input, not internal', async () => {
    await expect(listBackups(`/tmp/${'b'.repeat(300)}`)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(listBackups('/tmp/x\u0000y')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe.each(storeTargets())('stored files: one check for the HTTP host and the Electron shell ($name)', (target) => {
  let env: Env | undefined;
  afterEach(async () => {
    await env?.cleanup();
    env = undefined;
  });

  async function withFile() {
    env = await freshApp(target);
    const bytes = Buffer.from('%PDF-1.4\n% hồ sơ của công dân\n');
    const meta = await env.app.deps.db
      .transaction()
      .execute((trx) => storeFile(trx, { kind: 'export', mime: 'application/pdf', name: 'hồ sơ.pdf', bytes, createdBy: 'test', at: env!.clock.now().toISOString() }));
    await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '1357' });
    return { env, id: meta.id, bytes };
  }

  it('a window with no signed-in officer gets 401; signed in it gets the bytes with CSP sandbox; signed out 401 again', async () => {
    const { env, id, bytes } = await withFile();
    // The shell's session relay keeps the window's token; the protocol handler asks it for the window's session.
    const ipc = createIpcSessions(env.app.dispatcher);
    expect(ipc.sessionOf(7)).toBeNull();
    expect((await answerFileRequest(env.app, id, ipc.sessionOf(7))).status).toBe(401);

    expect((await ipc.call(7, 'auth.signIn', { name: 'lan', pin: '1357' })).ok).toBe(true);
    const served = await answerFileRequest(env.app, id, ipc.sessionOf(7));
    expect(served.status).toBe(200);
    expect(served.body.equals(bytes)).toBe(true);
    expect(served.headers['Content-Security-Policy']).toBe(STORED_FILE_CSP);
    expect(served.headers['Content-Security-Policy']!.startsWith('sandbox')).toBe(true);
    expect(served.headers['X-Content-Type-Options']).toBe('nosniff');
    // Another window (another webContents) has no session of its own.
    expect((await answerFileRequest(env.app, id, ipc.sessionOf(8))).status).toBe(401);

    await ipc.call(7, 'auth.signOut', {});
    expect((await answerFileRequest(env.app, id, ipc.sessionOf(7))).status).toBe(401);
    // A forged token is no session; an unknown or malformed id is 404 only once signed in.
    expect((await answerFileRequest(env.app, id, 'forged')).status).toBe(401);
    expect((await answerFileRequest(null, id, null)).status).toBe(401);
  });

  it('an id that is not a file id is 404 for a signed-in window', async () => {
    const { env } = await withFile();
    const ipc = createIpcSessions(env.app.dispatcher);
    await ipc.call(1, 'auth.signIn', { name: 'lan', pin: '1357' });
    for (const id of ['../../package.json', '00000000-0000-0000-0000-000000000000', '']) {
      expect((await answerFileRequest(env.app, id, ipc.sessionOf(1))).status).toBe(404);
    }
  });
});

describe('both transports call the shared check', () => {
  // Electron cannot start on this machine, so the wiring is checked in the source: neither transport
  // may serve file bytes except through answerFileRequest (a handler of its own would skip the check).
  it.each(['main/shell/main.ts', 'main/host/server.ts'])('%s serves files only through answerFileRequest', (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8');
    expect(source).toContain('answerFileRequest(');
    expect(source).not.toContain('serveFileBytes');
  });
});
