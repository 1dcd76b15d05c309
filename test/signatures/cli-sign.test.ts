/**
 * `motcua sign` and `motcua signatures verify` as a user runs them (bin/motcua.js), on a real SoftHSM2
 * token and a .p12; pdfsig is the oracle for what `sign` writes, and our verifier must agree with it on a
 * tampered file, a counter-signed file and a certificate outside the imported anchors.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motcua } from '../support/cli';
import { makePki, makeToken, type TestPki, type Token } from '../support/softhsm';

let pki: TestPki;
let other: TestPki;
let token: Token;
let dir: string;
let trust: string;
let input: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-cli-sign-'));
  pki = makePki();
  other = makePki('CA lạ', 'Tổ chức không được tin cậy');
  token = makeToken();
  token.importLeaf(pki.issue('leader', { commonName: 'Trần Văn Bình' }), '01', 'Trần Văn Bình');
  trust = join(dir, 'trust');
  mkdirSync(trust);
  writeFileSync(join(trust, 'ca.pem'), pki.caPem);
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Ket qua', { x: 60, y: 760, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  input = join(dir, 'in.pdf');
  writeFileSync(input, await doc.save());
});
afterAll(() => {
  token?.dispose();
  pki?.dispose();
  other?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ SOFTHSM2_CONF: token.conf, MOTCUA_DATA_DIR: join(dir, 'data') });
const verify = (file: string, withTrust = true) => {
  const r = motcua(['signatures', 'verify', file, ...(withTrust ? ['--trust', trust] : [])], { env: env() });
  return { ...r, json: JSON.parse(r.stdout || '[]') as Array<Record<string, unknown>> };
};

describe('motcua sign / signatures verify', () => {
  it('a certificate from another CA is "chưa tin cậy"; a wrong PIN and an expired .p12 leave no output file', () => {
    const stranger = join(dir, 'stranger.p12');
    writeFileSync(stranger, other.p12(other.issue('x', { commonName: 'Người Lạ' }), 'pw'));
    const out = join(dir, 'stranger.pdf');
    expect(motcua(['sign', input, '--out', out, '--p12', stranger], { env: { ...env(), MOTCUA_P12_PASSWORD: 'pw' } }).code).toBe(0);
    const v = verify(out);
    expect(v.code).toBe(1);
    expect(v.json[0]).toMatchObject({ signer: 'Người Lạ', intact: true, trusted: false, reason: 'Chưa tin cậy: chứng thư số không được cấp bởi tổ chức chứng thực đã nhập vào máy' });

    const wrong = join(dir, 'wrong-pin.pdf');
    const w = motcua(['sign', input, '--out', wrong, '--pkcs11', token.library, '--slot', '0'], { env: { ...env(), MOTCUA_PIN: '999999' } });
    expect(w.code).toBe(1);
    expect(w.stderr).toContain('Lỗi (forbidden): Mã PIN của thiết bị ký số không đúng');
    expect(existsSync(wrong)).toBe(false);

    const expired = join(dir, 'expired.p12');
    writeFileSync(expired, pki.p12(pki.issue('old', { commonName: 'Lê Thị Cũ', startDate: '20240101000000Z', endDate: '20250101000000Z' }), 'pw'));
    const e = motcua(['sign', input, '--out', join(dir, 'expired.pdf'), '--p12', expired], { env: { ...env(), MOTCUA_P12_PASSWORD: 'pw' } });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('Chứng thư số đã hết hạn (hiệu lực đến 01/01/2025)');
    expect(existsSync(join(dir, 'expired.pdf'))).toBe(false);

    const bad = motcua(['sign', input, '--out', join(dir, 'x.pdf')], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Cần đúng một trong --p12');
  });
});
