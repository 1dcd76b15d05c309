/**
 * Issue 20 item 4: every form names the real officer — the signed-in person, or the one chosen —
 * never a login ("lan") or a technical actor ("cli", "desk"). Read back from the PDFs with pdftotext.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileBytes } from '../../main/core/files/files.service';
import type { SessionUser } from '../../shared/contract/auth.schema';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { pdfText } from '../support/pdf-tools';
import { storeTargets } from '../support/stores';

const LAN: SessionUser = { id: 'u-lan', name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk' };
// The head of the desk is listed first: a form that falls back to "the first officer" would name him.
const UNIT = { ...SAMPLE_UNIT, officers: [{ name: 'Hồ Văn Lâm', title: 'Trưởng bộ phận' }, { name: 'Hồ Thị Lan', title: 'Công chức Tư pháp - Hộ tịch' }] };
const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp' };

for (const target of storeTargets()) {
  describe(`forms name the real officer on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });
    async function setUp() {
      const env = await freshApp(target);
      cleanups.push(env.cleanup);
      await env.app.client().invoke('unit.save', UNIT);
      await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '246810' });
      const text = async (code: string, form: '01' | '02') => {
        const doc = await env.app.client().invoke('documents.save', { target: { kind: 'dossier', code, form } });
        return pdfText((await readFileBytes(env.app.store.db, doc.fileId))!.bytes).replace(/\s+/g, ' ');
      };
      const create = (c: ReturnType<typeof env.app.client>) =>
        c.invoke('dossiers.create', { requestId: randomUUID(), procedureCode: '1.001731', applicant: HUONG, components: [0, 1, 2].map((position) => ({ position, received: true })) });
      return { app: env.app, text, create };
    }

    it('the receipt and Mẫu 02 of a signed-in clerk name her, not the first officer nor her login', async () => {
      const { app, text, create } = await setUp();
      const lan = app.client({ user: LAN });
      const d = await create(lan);
      expect(d.receivedBy).toBe('Hồ Thị Lan');
      const receipt = await text(d.code, '01');
      expect(receipt).toContain('Hồ Thị Lan');
      expect(receipt).not.toContain('Hồ Văn Lâm');
      await lan.invoke('tracking.requestSupplement', { code: d.code, missing: ['Bản sao CCCD'], reason: 'Thiếu bản sao CCCD' });
      const m02 = await text(d.code, '02');
      expect(m02).toContain('Hồ Thị Lan');
      expect(m02).not.toMatch(/\blan\b/);
    });

    it('a supplement requested from the CLI never prints "cli" as the officer', async () => {
      const { app, text, create } = await setUp();
      const cli = app.client({ actor: 'cli' });
      const d = await create(cli);
      await cli.invoke('tracking.requestSupplement', { code: d.code, missing: ['Bản sao CCCD'], reason: 'Thiếu bản sao CCCD' });
      const m02 = await text(d.code, '02');
      expect(m02).not.toMatch(/\bcli\b/);
      expect(m02).toContain('Hồ Văn Lâm');
    });
  });
}
