import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../main/app/create-app';
import { requireTools, SANE_DIR } from '../fixtures/scan-fixtures';
import { SAMPLE_UNIT } from '../support/app';
import { motcua } from '../support/cli';

const { skip, reason } = requireTools(['scanimage']);

describe.skipIf(skip)(`motcua scan (SANE test backend)${skip ? ` (skipped: ${reason})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-scan-'));
  const env = { SANE_CONFIG_DIR: SANE_DIR, MOTCUA_SCANNER: 'sane' };
  const run = (...args: string[]) => motcua(['--data-dir', dir, ...args], { env });
  let code = '';

  beforeAll(async () => {
    const app = await createApp({ dataDir: dir, store: { kind: 'sqlite', file: join(dir, 'motcua.sqlite') } });
    const c = app.client();
    await c.invoke('unit.save', SAMPLE_UNIT);
    const d = await c.invoke('dossiers.create', {
      requestId: randomUUID(),
      procedureCode: '2.000815',
      applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp' },
      components: [
        { position: 0, received: true },
        { position: 1, received: true },
      ],
      fee: { pages: 1, copies: 1 },
    });
    code = d.code;
    await app.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists devices as JSON', () => {
    const r = run('scan', '--list');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backend: string; devices: { id: string }[] };
    expect(out.backend).toBe('sane');
    expect(out.devices.map((d) => d.id)).toEqual(expect.arrayContaining(['test:0', 'test:1']));
  });

  it('scans N pages from the feeder into a PDF file for an admin testing a scanner', async () => {
    const out = join(dir, 'thu.pdf');
    const r = run('scan', '--device', 'test:0', '--pages', '3', '--dpi', '200', '--mode', 'gray', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Đã quét 3/3 trang');
    const res = JSON.parse(r.stdout) as { pageCount: number; dpi: number; mode: string; sha256: string };
    expect(res).toMatchObject({ pageCount: 3, dpi: 200, mode: 'gray' });
    const pdf = await PDFDocument.load(readFileSync(out));
    expect(pdf.getPageCount()).toBe(3);
  });

  it('scans into a dossier component and attaches it', () => {
    const r = run('scan', '--device', 'test:0', '--pages', '2', '--dpi', '200', '--mode', 'gray', '--dossier', code, '--component', '2');
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { scan: { component: number; pageCount: number; dossierCode: string } };
    expect(res.scan).toMatchObject({ component: 1, pageCount: 2, dossierCode: code });
    // A second scan into the same component needs --replace.
    const again = run('scan', '--device', 'test:0', '--dpi', '200', '--dossier', code, '--component', '2');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Thay bản cũ');
  });

  it('refuses bad options with exit code 2 and a Vietnamese message', () => {
    const r = run('scan', '--device', 'test:0', '--mode', 'sepia', '--out', join(dir, 'x.pdf'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--mode "sepia" phải là color, gray hoặc bw.');
    expect(run('scan').stderr).toContain('Cần --list');
    const unknown = run('scan', '--device', 'test:0', '--dossier', 'H50.12.34-260317-0099', '--component', '1');
    expect(unknown.code).toBe(2);
  });
});
