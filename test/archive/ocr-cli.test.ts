import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../main/app/create-app';
import { SAMPLE_UNIT } from '../support/app';
import { motcua } from '../support/cli';
import { attachPages, newDossier, textPage } from '../support/ocr-pages';

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-ocr-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('motcua ocr', () => {
  it('status shows the queued pages, run reads them, status then shows them done; a bad dossier code is exit 2', async () => {
    const app = await createApp({ dataDir, store: { kind: 'sqlite', file: join(dataDir, 'motcua.sqlite') } });
    await app.client().invoke('unit.save', SAMPLE_UNIT);
    const code = await newDossier(app);
    await attachPages(app, code, 0, [await textPage(['Sổ hộ khẩu của ông Đinh Văn Thắng'])]);
    await app.close();

    const before = motcua(['--data-dir', dataDir, 'ocr', 'status']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ engine: { kind: 'tesseract-cli', available: true }, counts: { queued: 1, total: 1 }, dossiers: [{ dossierCode: code }] });

    const run = motcua(['--data-dir', dataDir, 'ocr', 'run', '--dossier', code]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ processed: 1, done: 1, empty: 0, failed: 0, retried: 0, counts: { queued: 0, running: 0, done: 1, empty: 0, failed: 0, total: 1 } });

    const after = JSON.parse(motcua(['--data-dir', dataDir, 'ocr', 'status', '--dossier', code]).stdout);
    expect(after.pages).toMatchObject([{ dossierCode: code, component: '0', page: 1, status: 'done', engine: 'tesseract-cli' }]);
    expect(after.pages[0].chars).toBeGreaterThan(25);

    // Full-text search of what tesseract read, without diacritics, in the JSON shape.
    const found = motcua(['--data-dir', dataDir, 'search', 'text', 'dinh van thang', '--limit', '5']);
    expect(found.code).toBe(0);
    const hits = JSON.parse(found.stdout) as Array<Record<string, unknown>>;
    expect(hits).toHaveLength(1);
    expect(Object.keys(hits[0]!)).toEqual(['code', 'component', 'page', 'snippet', 'score']);
    expect(hits[0]).toMatchObject({ code, component: '0', page: 1, snippet: 'Sổ hộ khẩu của ông «Đinh» «Văn» «Thắng»' });

    const bad = motcua(['--data-dir', dataDir, 'ocr', 'run', '--dossier', 'KHONG-CO']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not_found');
  }, 180_000);
});
