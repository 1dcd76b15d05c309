/**
 * Start-up skips SQLite's full-file `quick_check` only after a clean close of exactly this file
 * (main/core/admin/clean-close.ts): a crash, bytes changed behind the app's back, or a week gone
 * since the last check all bring the check back, and damage is still found.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS } from '../../main/core/admin/clean-close';
import { openStoreOrRecover } from '../../main/core/admin/health';
import type { Store } from '../../main/store/dialect';

const T0 = Date.parse('2026-12-07T08:00:00Z');

async function open(file: string, now = T0) {
  const r = await openStoreOrRecover({ kind: 'sqlite', file }, { now });
  return r;
}

async function openOk(file: string, now = T0): Promise<{ store: Store; integrity: string }> {
  const r = await open(file, now);
  if (r.status !== 'ok') throw new Error(`expected ok, got ${r.reason}`);
  return r;
}

/** Overwrite one page in the middle of the file (a table's b-tree page), keeping its size. */
function damagePage(file: string, page: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (page - 1) * 4096);
  } finally {
    closeSync(fd);
  }
}

describe('start-up integrity check after a clean close', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-clean-'));
    file = join(dir, 'motcua.sqlite');
    const { store, integrity } = await openOk(file);
    expect(integrity).toBe('not-applicable'); // a new file: nothing to check yet
    await sql`create table t (id integer primary key, body text)`.execute(store.db);
    for (let i = 0; i < 400; i++) await sql`insert into t (body) values (${'x'.repeat(200) + i})`.execute(store.db);
    await sql`create index t_body on t (body)`.execute(store.db);
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('skips the check after a clean close and checks again after a crash (no close)', async () => {
    const first = await openOk(file);
    expect(first.integrity).toBe('clean-close');
    // This run "crashes": its store is never closed, so the next start checks the file.
    const second = await openOk(file);
    expect(second.integrity).toBe('checked');
    await second.store.close();
    await first.store.close();
    expect((await openOk(file)).integrity).toBe('clean-close');
  });

  it('finds a page damaged after a clean close (the file changed behind the app) and opens nothing', async () => {
    const pages = statSync(file).size / 4096;
    expect(pages).toBeGreaterThan(10);
    damagePage(file, Math.floor(pages / 2));
    const r = await open(file);
    expect(r.status).toBe('recovery_needed');
  });

  it('is not fooled by putting the modification time back', async () => {
    const before = statSync(file);
    damagePage(file, 3);
    utimesSync(file, before.atime, before.mtime);
    expect((await open(file)).status).toBe('recovery_needed');
  });

  it('checks again when the last check is more than a week old, then skips after that close', async () => {
    const later = T0 + CHECK_EVERY_MS + 60_000;
    const r = await openOk(file, later);
    expect(r.integrity).toBe('checked');
    await r.store.close();
    expect((await openOk(file, later + 1000)).integrity).toBe('clean-close');
  });
});
