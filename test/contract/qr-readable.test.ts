/**
 * Issue 20 item 8: the QR of every form decodes from a 100-dpi image of the page — a plain render,
 * and one made to look like a cheap scan of a print (soft optics, JPEG) — with zbarimg, not our code.
 * With 0.4–0.5 mm modules it decoded only from 150 dpi; modules are now at least 0.6 mm (layout.json).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FORM_KINDS } from '../../main/core/documents/form-data';
import { qrPayload } from '../../main/core/documents/form-content';
import { formName, renderForm } from '../../main/core/documents/render-form';
import { DOSSIER, SAMPLES } from '../fixtures/forms';

/** Page 1 at 100 dpi; `scanned`: Gaussian blur σ 0.5 px and JPEG quality 60, as a cheap flatbed or phone delivers it. */
async function qrAt100Dpi(pdf: Buffer, scanned: boolean): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-qr-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, 'f.pdf'), join(dir, 'p')]);
    let image = join(dir, 'p.png');
    if (scanned) {
      await sharp(image).blur(0.5).jpeg({ quality: 60 }).toFile(join(dir, 'p.jpg'));
      image = join(dir, 'p.jpg');
    }
    const r = spawnSync('zbarimg', ['--raw', '-q', image], { encoding: 'utf8' });
    return r.stdout.split('\n').filter((l) => l.length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the QR decodes from a 100-dpi image of the page', () => {
  const cases = [...FORM_KINDS.filter((k) => k !== '07').map((k) => ({ kind: k, paper: 'A4' as const })), { kind: '01' as const, paper: 'A5' as const }];
  for (const { kind, paper } of cases) {
    it(`Mẫu ${kind} on ${paper}: rendered, and as a cheap scan`, async () => {
      const pdf = await renderForm(kind, SAMPLES[kind] as never, { paper });
      const expected = qrPayload(DOSSIER as never, formName(kind));
      expect(await qrAt100Dpi(pdf, false)).toContain(expected);
      expect(await qrAt100Dpi(pdf, true)).toContain(expected);
    });
  }
});
