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
import { makePki, makeToken, pdfsig, type TestPki, type Token } from '../support/softhsm';

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
  // A CA's token carries its issuing certificate; the signature embeds it (the whole chain, PAdES B-B).
  token.importCert(pki.caDer, '0a', 'CA');
  token.importLeaf(pki.issue('seal', { commonName: 'UBND xã Minh Tân', organisation: 'UBND xã Minh Tân' }), '02', 'UBND xã Minh Tân');
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
  // The success path on the token through the real CLI process. It once failed here only: under Node's ESM
  // loader pkcs11js's constants were undefined, C_Login ran as the security officer and a correct PIN was
  // refused, while in-process vitest suites passed (see main/adapters/signing/pkcs11.ts).
  it('--pkcs11 on a fresh SoftHSM2 token: PIN from MOTCUA_PIN or stdin, pdfsig valid + trusted, verify exit 0', () => {
    const out = join(dir, 'token.pdf');
    const r = motcua(['sign', input, '--out', out, '--pkcs11', token.library, '--slot', '0', '--key-id', '01', '--reason', 'Ký kết quả'], { env: { ...env(), MOTCUA_PIN: token.pin } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: out, signer: 'Trần Văn Bình', organisation: 'UBND xã Minh Tân' });
    const oracle = pdfsig(out, pki.nssDir);
    expect(oracle.signatures.map((s) => [s.signer, s.valid, s.trusted, s.subFilter])).toEqual([['Trần Văn Bình', true, true, 'ETSI.CAdES.detached']]);
    const v = verify(out);
    expect(v.code).toBe(0);
    expect(v.json).toMatchObject([{ signer: 'Trần Văn Bình', organisation: 'UBND xã Minh Tân', intact: true, trusted: true }]);

    // The agency's seal certificate (--key-id) counter-signs, PIN from stdin (never on the command line):
    // both signatures stay valid. (A second signature by the *same* leaf shows "Unknown issue" in poppler
    // 22.12 unless the leaf is in the NSS db: its temp-certificate handling, see docs/signatures.md.)
    const two = join(dir, 'token-two.pdf');
    const s = motcua(['sign', out, '--out', two, '--pkcs11', token.library, '--slot', '0', '--key-id', '02'], { env: env(), input: `${token.pin}\n` });
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ signer: 'UBND xã Minh Tân' });
    const both = pdfsig(two, pki.nssDir);
    expect(both.signatures.map((x) => [x.valid, x.trusted])).toEqual([[true, true], [true, true]]);
    expect(both.signatures.map((x) => x.signer)).toEqual(['Trần Văn Bình', 'UBND xã Minh Tân']);
    expect(verify(two).code).toBe(0);
  }, 120_000);

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
  }, 120_000);
});
