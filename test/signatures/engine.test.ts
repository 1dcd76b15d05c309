/**
 * The signing engine against a real token (SoftHSM2) and a .p12, checked by oracles that are not our code:
 * pdfsig (signature valid, certificate trusted via an NSS db with the test CA), qpdf --check, openssl cms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openP12 } from '../../main/adapters/signing/p12';
import { openTokenSession } from '../../main/adapters/signing/pkcs11';
import { digestByteRange, signPdf } from '../../main/core/signatures/pdf-sign';
import { makePki, makeToken, pdfsig, qpdfCheck, type TestPki, type Token } from '../support/softhsm';

let pki: TestPki;
let token: Token;
let dir: string;

async function samplePdf(objectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Ket qua giai quyet ho so', { x: 60, y: 760, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save({ useObjectStreams: objectStreams });
}

function write(name: string, bytes: Uint8Array): string {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-sign-'));
  pki = makePki();
  token = makeToken();
  token.importLeaf(pki.issue('officer', { commonName: 'Nguyễn Văn An' }), '01', 'Nguyễn Văn An');
  token.importCert(pki.caDer, '02', 'CA');
});
afterAll(() => {
  token?.dispose();
  pki?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('PAdES B-B on a SoftHSM2 token', () => {
  it.each([false, true])('signs a PDF (object streams: %s): pdfsig valid + trusted, qpdf clean, openssl cms verifies', async (streams) => {
    const pdf = await samplePdf(streams);
    const session = await openTokenSession({ library: token.library, slot: 0 }, token.pin);
    const signed = await signPdf(pdf, session, { signingTime: new Date(), reason: 'Ký kết quả', timeSource: 'pc' });
    await session.close();
    expect(Buffer.from(signed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    const file = write(`s-${streams}.pdf`, signed);
    const res = pdfsig(file, pki.nssDir);
    expect(res.signatures).toHaveLength(1);
    expect(res.signatures[0]).toMatchObject({ signer: 'Nguyễn Văn An', valid: true, trusted: true, subFilter: 'ETSI.CAdES.detached', total: true });
    expect(qpdfCheck(file).status).toBe(0);
  });
});

describe('counter-signing and tampering', () => {
  it('a .p12 seal counter-signs a token signature: both valid and trusted; openssl cms verifies the CMS over the byte range', async () => {
    const pdf = await samplePdf(true);
    const session = await openTokenSession({ library: token.library, slot: 0 }, token.pin);
    const one = await signPdf(pdf, session, { signingTime: new Date(), reason: 'Ký kết quả', timeSource: 'pc' });
    await session.close();
    const seal = await openP12(pki.p12(pki.issue('seal', { commonName: 'UBND xã Minh Tân', organisation: 'UBND xã Minh Tân' }), 'mật khẩu'), 'mật khẩu');
    const two = await signPdf(one, seal, { signingTime: new Date(), reason: 'Đóng dấu', timeSource: 'pc' });
    const f = write('two.pdf', two);
    const res = pdfsig(f, pki.nssDir);
    expect(res.signatures.map((s) => [s.signer, s.valid, s.trusted, s.total])).toEqual([
      ['Nguyễn Văn An', true, true, false],
      ['UBND xã Minh Tân', true, true, true],
    ]);
    expect(qpdfCheck(f).status).toBe(0);

    // openssl cms -verify over the second signature's byte range, trusting only the test CA.
    const text = Buffer.from(two).toString('latin1');
    const at = text.lastIndexOf('/ByteRange [');
    const range = text.slice(at + 12, text.indexOf(']', at)).trim().split(/\s+/).map(Number);
    const hex = text.slice(range[1]! + 1, range[2]! - 1);
    const cms = write('sig.der', Buffer.from(hex.replace(/(00)+$/, ''), 'hex'));
    const content = write('content.bin', Buffer.concat([Buffer.from(two.subarray(0, range[1]!)), Buffer.from(two.subarray(range[2]!, range[2]! + range[3]!))]));
    const out = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', pki.caFile, '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
    expect(digestByteRange(two, range).length).toBe(32);
  });

  it('one byte changed after signing: pdfsig says the signature is not valid', async () => {
    const session = await openTokenSession({ library: token.library, slot: 0 }, token.pin);
    const signed = await signPdf(await samplePdf(false), session, { signingTime: new Date(), timeSource: 'pc' });
    await session.close();
    const text = Buffer.from(signed).toString('latin1');
    // The page's width in its /MediaBox: 595 becomes 596, the file stays well-formed.
    const at = text.indexOf('595', text.indexOf('/MediaBox'));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(signed);
    tampered[at + 2] = '6'.charCodeAt(0);
    const res = pdfsig(write('tampered.pdf', tampered), pki.nssDir);
    expect(res.signatures).toHaveLength(1);
    expect(res.signatures[0]!.valid).toBe(false);
    expect(res.signatures[0]!.raw).toMatch(/Digest Mismatch/);
  });
});
