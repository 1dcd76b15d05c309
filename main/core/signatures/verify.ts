/**
 * Verifying the signatures of a PDF that comes in (a result the district sends back, a file a citizen
 * brings): for each /ByteRange signature, whether the signed bytes are intact (message digest + the RSA
 * signature over the signed attributes), whether the signer's chain reaches a trust anchor the admin
 * imported (checked at the claimed signing time), and who signed, for which organisation, when and why.
 * Works offline; the desk trusts only the anchors it is given.
 */
import { createHash, createPublicKey, verify as rsaVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { vi } from '../../../shared/i18n/vi';
import { certificateInfo } from './certificate';
import { OID } from './cms';

const V = vi.signatures.verify;

export interface SignatureCheck {
  signer: string;
  organisation: string;
  /** ISO instant claimed in the signature dictionary (/M), or null when absent. */
  signedAt: string | null;
  intact: boolean;
  trusted: boolean;
  /** Why: the verdict in Vietnamese (what a badge's tooltip says). */
  reason: string;
  /** The signer's own /Reason text. */
  signingReason: string;
  /** The byte range ends at the end of the file: nothing was appended after this signature. */
  coversWholeDocument: boolean;
}

const ab = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** A PDF text string: (literal) with escapes, or <hex>, UTF-16BE with BOM or PDFDocEncoding (latin1 here). */
function pdfString(raw: string | undefined): string {
  if (!raw) return '';
  let bytes: Buffer;
  if (raw.startsWith('<')) bytes = Buffer.from(raw.slice(1, -1).replace(/\s+/g, ''), 'hex');
  else {
    const s = raw.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
      /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e);
    bytes = Buffer.from(s, 'latin1');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le').normalize('NFC');
  return bytes.toString('latin1').normalize('NFC');
}

/** D:YYYYMMDDHHmmSS+HH'mm' → ISO instant. */
function pdfDateToIso(s: string): string | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return null;
  const tz = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const d = new Date(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

interface RawSignature {
  range: [number, number, number, number];
  contents: Buffer;
  dict: string;
}

/** Find every signature dictionary by its /ByteRange; the /Contents hex sits in the gap it leaves. */
function findSignatures(pdf: Uint8Array): RawSignature[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: RawSignature[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const [, b, c] = range;
    if (c <= b || c > pdf.length || text[b] !== '<' || text[c - 1] !== '>') continue;
    const hex = text.slice(b + 1, c - 1).replace(/\s+/g, '');
    const open = text.lastIndexOf('<<', m.index);
    out.push({ range, contents: Buffer.from(hex.replace(/(00)+$/, ''), 'hex'), dict: text.slice(open, c + 2000) });
  }
  return out;
}

function field(dict: string, key: string): string | undefined {
  const m = new RegExp(`/${key}\\s*(\\((?:\\\\.|[^\\\\)])*\\)|<[0-9A-Fa-f\\s]*>)`).exec(dict);
  return m?.[1];
}

async function checkOne(pdf: Uint8Array, raw: RawSignature, anchors: pkijs.Certificate[]): Promise<SignatureCheck> {
  const [a, b, c, d] = raw.range;
  const signedAt = pdfDateToIso(pdfString(field(raw.dict, 'M')));
  const base = { signedAt, signingReason: pdfString(field(raw.dict, 'Reason')), coversWholeDocument: c + d === pdf.length };
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(ab(raw.contents));
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { ...base, signer: '', organisation: '', intact: false, trusted: false, reason: V.unreadable };
  }
  const si = signed.signerInfos[0];
  const certs = (signed.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate);
  const sid = si?.sid as pkijs.IssuerAndSerialNumber | undefined;
  const leaf = certs.find((x) => sid && x.serialNumber.isEqual(sid.serialNumber) && x.issuer.isEqual(sid.issuer));
  if (!si || !leaf) return { ...base, signer: '', organisation: '', intact: false, trusted: false, reason: V.noCertificate };
  const leafDer = new Uint8Array(leaf.toSchema().toBER());
  const who = certificateInfo(leafDer);
  const named = { ...base, signer: who.commonName, organisation: who.organisation };

  const rangeOk = a === 0 && b > 0 && c > b && c + d <= pdf.length;
  const digest = createHash('sha256').update(pdf.subarray(0, b)).update(pdf.subarray(c, c + d)).digest();
  const mdAttr = si.signedAttrs?.attributes.find((x) => x.type === OID.messageDigest);
  const md = mdAttr ? Buffer.from((mdAttr.values[0] as asn1js.OctetString).valueBlock.valueHexView) : null;
  let sigOk = false;
  if (si.signedAttrs) {
    const tbs = Buffer.from(si.signedAttrs.toSchema().toBER());
    tbs[0] = 0x31;
    const spki = Buffer.from(leaf.subjectPublicKeyInfo.toSchema().toBER());
    try {
      sigOk = rsaVerify('sha256', tbs, createPublicKey({ key: spki, format: 'der', type: 'spki' }), Buffer.from(si.signature.valueBlock.valueHexView));
    } catch {
      sigOk = false;
    }
  }
  const intact = rangeOk && md !== null && md.equals(digest) && sigOk;
  if (!intact) return { ...named, intact: false, trusted: false, reason: V.notIntact };

  if (anchors.length === 0) return { ...named, intact, trusted: false, reason: V.untrusted(V.noAnchors) };
  const at = signedAt ? new Date(signedAt) : new Date();
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: anchors, certs, checkDate: at });
  const result = await engine.verify();
  if (!result.result) return { ...named, intact, trusted: false, reason: V.untrusted(/expired|not yet valid/i.test(result.resultMessage ?? '') ? V.outsideValidity : V.noPath) };
  const extra = base.coversWholeDocument ? '' : V.laterRevisions;
  return { ...named, intact, trusted: true, reason: `${V.valid}${extra}` };
}

/** Parse anchors (DER or PEM, one certificate or several per file). */
export function parseAnchors(files: readonly Uint8Array[]): pkijs.Certificate[] {
  const out: pkijs.Certificate[] = [];
  for (const f of files) {
    const text = Buffer.from(f).toString('latin1');
    const pems = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
    for (const der of pems.length > 0 ? pems : [Buffer.from(f)]) {
      try {
        out.push(pkijs.Certificate.fromBER(ab(der)));
      } catch {
        /* not a certificate: the CLI and Settings say which files were skipped */
      }
    }
  }
  return out;
}

/** Every signature in the file, oldest first. */
export async function verifyPdfSignatures(pdf: Uint8Array, anchors: readonly pkijs.Certificate[]): Promise<SignatureCheck[]> {
  const out: SignatureCheck[] = [];
  for (const raw of findSignatures(pdf)) out.push(await checkOne(pdf, raw, [...anchors]));
  return out;
}
