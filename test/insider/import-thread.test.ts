/**
 * Issue 15 item 5, off the main thread: the desk host reads import files on a worker thread
 * (main/app/table-reader-thread.ts). The thread gives the same table as reading in process, refuses
 * a bomb with the same Vietnamese message, and a cancelled read stops at once. While the thread
 * parses, the main thread's event loop keeps turning (counted, not timed).
 */
import { describe, expect, it } from 'vitest';
import { createThreadTableReader } from '../../main/app/table-reader-thread';
import { silentLogger } from '../../main/core/ports/logger';
import { readTableFile } from '../../main/core/reports/table-file';
import { generateHistory, toCsv } from '../reports/history-fixture';
import { repeatedRowsSheet, xlsxWith } from '../support/import-bombs';

describe('reading import files on a worker thread', () => {
  it('gives the same table as in process, and the main loop keeps turning while it parses', async () => {
    const reader = createThreadTableReader(silentLogger);
    const csv = Buffer.from(toCsv(generateHistory(30_000)));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const onThread = await reader.read('lich-su.csv', csv);
    clearInterval(timer);
    expect(reader.onThread).toBe(1);
    expect(onThread).toEqual(await readTableFile('lich-su.csv', csv));
    expect(onThread.records).toHaveLength(30_000);
    // Parsing in process blocks the loop for the whole parse (0 ticks); on the thread it keeps turning.
    expect(ticks).toBeGreaterThan(3);
  }, 120_000);

  it('refuses a bomb on the thread with the same message, and a cancelled read rejects at once', async () => {
    const reader = createThreadTableReader(silentLogger);
    const bomb = xlsxWith(await repeatedRowsSheet(5_000_000));
    const inProcess = await readTableFile('bom.xlsx', bomb).catch((e: Error) => e.message);
    await expect(reader.read('bom.xlsx', bomb)).rejects.toMatchObject({ code: 'invalid_input', message: inProcess });
    const ac = new AbortController();
    const pending = reader.read('lich-su.csv', Buffer.from(toCsv(generateHistory(30_000))), { signal: ac.signal });
    ac.abort();
    await expect(pending).rejects.toMatchObject({ message: 'Đã dừng nhập theo yêu cầu.' });
  }, 120_000);
});
