/**
 * A real PKCS#11 token for the signature suites: a fresh SoftHSM2 token in a temp SOFTHSM2_CONF directory,
 * a test CA made with openssl (Vietnamese organisation name), leaf certificates issued by `openssl ca` (so a
 * test can ask for an expired one or one without the signing key usage), keys imported with pkcs11-tool,
 * and an NSS database trusting the CA so `pdfsig` (the independent oracle) can say "Certificate is Trusted".
 * CI installs softhsm2, opensc, openssl, libnss3-tools and poppler-utils (.ci/run); nothing here skips.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_LIB = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'].find((p) => existsSync(p)) ?? '/usr/lib/softhsm/libsofthsm2.so';
export const USER_PIN = '246810';
const SO_PIN = '13579135';

const run = (cmd: string, args: string[], env?: NodeJS.ProcessEnv, input?: string) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env }, input });

export interface LeafOptions {
  commonName: string;
  organisation?: string;
  /** `openssl ca` dates, YYYYMMDDHHMMSSZ. */
  startDate?: string;
  endDate?: string;
  /** keyUsage extension value; the default is what a CA issues for signing. */
  keyUsage?: string;
}

export interface Leaf {
  keyPem: string;
  certPem: string;
  certDer: Buffer;
  keyFile: string;
  certFile: string;
}

export interface TestPki {
  dir: string;
  caPem: string;
  caDer: Buffer;
  caFile: string;
  /** NSS database directory (sql:) trusting the CA, for pdfsig -nssdir. */
  nssDir: string;
  issue(name: string, opts: LeafOptions): Leaf;
  /** A .p12 holding the leaf's key, the leaf and the CA. */
  p12(leaf: Leaf, password: string): Buffer;
  dispose(): void;
}

/** A CA (its own, or a second "untrusted" one) in a temp directory. */
export function makePki(caName = 'CA Thử nghiệm MotCua', organisation = 'Trung tâm Chứng thực thử nghiệm'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pki-'));
  mkdirSync(join(dir, 'newcerts'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  const conf = join(dir, 'ca.cnf');
  writeFileSync(
    conf,
    [
      '[ca]', 'default_ca = CA_default', '[CA_default]', `dir = ${dir}`, 'database = $dir/index.txt', 'new_certs_dir = $dir/newcerts',
      'serial = $dir/serial', 'default_md = sha256', 'policy = policy_any', 'unique_subject = no', 'copy_extensions = none', 'default_days = 365',
      '[policy_any]', 'countryName = optional', 'organizationName = optional', 'commonName = supplied',
      '[req]', 'distinguished_name = dn', 'string_mask = utf8only', '[dn]',
      '[v3_ca]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', 'subjectKeyIdentifier = hash',
    ].join('\n') + '\n',
  );
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.pem');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey, '-out', caFile, '-days', '3650', '-utf8', '-config', conf,
    '-extensions', 'v3_ca', '-subj', `/C=VN/O=${organisation}/CN=${caName}`]);
  const caPem = readFileSync(caFile, 'utf8');
  const caDer = execFileSync('openssl', ['x509', '-in', caFile, '-outform', 'DER']);
  const nssDir = join(dir, 'nss');
  mkdirSync(nssDir);
  run('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  run('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'motcua-test-ca', '-t', 'CT,C,C', '-i', caFile]);
  return {
    dir, caPem, caDer, caFile, nssDir,
    issue(name, opts) {
      const keyFile = join(dir, `${name}.key`);
      const csr = join(dir, `${name}.csr`);
      const certFile = join(dir, `${name}.pem`);
      const ext = join(dir, `${name}.ext`);
      writeFileSync(ext, `[leaf]\nbasicConstraints = CA:FALSE\nkeyUsage = ${opts.keyUsage ?? 'critical,digitalSignature,nonRepudiation'}\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n`);
      run('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', csr, '-utf8', '-config', conf,
        '-subj', `/C=VN/O=${opts.organisation ?? 'UBND xã Minh Tân'}/CN=${opts.commonName}`]);
      run('openssl', ['ca', '-batch', '-config', conf, '-cert', caFile, '-keyfile', caKey, '-in', csr, '-out', certFile, '-utf8', '-notext',
        '-preserveDN', '-extfile', ext, '-extensions', 'leaf', '-startdate', opts.startDate ?? '20250101000000Z', '-enddate', opts.endDate ?? '20351231000000Z']);
      return {
        keyFile, certFile,
        keyPem: readFileSync(keyFile, 'utf8'),
        certPem: readFileSync(certFile, 'utf8'),
        certDer: execFileSync('openssl', ['x509', '-in', certFile, '-outform', 'DER']),
      };
    },
    p12(leaf, password) {
      const out = join(dir, `p12-${Date.now()}-${Math.random().toString(36).slice(2)}.p12`);
      run('openssl', ['pkcs12', '-export', '-inkey', leaf.keyFile, '-in', leaf.certFile, '-certfile', caFile, '-out', out, '-passout', `pass:${password}`]);
      return readFileSync(out);
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Token {
  /** Set as SOFTHSM2_CONF for the process (pkcs11js loads SoftHSM in-process). */
  conf: string;
  library: string;
  slot: 0;
  label: string;
  pin: string;
  /** Put a leaf's key and certificate on the token under a CKA_ID (hex). */
  importLeaf(leaf: Leaf, id: string, label: string): void;
  /** Put a certificate alone (no key) on the token, as tokens carry the CA certificates. */
  importCert(der: Buffer, id: string, label: string): void;
  /** Delete the token's files: what a removed token looks like to the library. */
  remove(): void;
  dispose(): void;
}

/** A fresh, initialised SoftHSM2 token; sets process.env.SOFTHSM2_CONF so our in-process adapter sees it. */
export function makeToken(label = 'MotCua Test'): Token {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-hsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = true\n`);
  const env = { SOFTHSM2_CONF: conf };
  run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', SO_PIN, '--pin', USER_PIN], env);
  process.env.SOFTHSM2_CONF = conf;
  const tool = (args: string[]) => run('pkcs11-tool', ['--module', SOFTHSM_LIB, '--token-label', label, '--login', '--pin', USER_PIN, ...args], env);
  return {
    conf, library: SOFTHSM_LIB, slot: 0, label, pin: USER_PIN,
    importLeaf(leaf, id, keyLabel) {
      const keyDer = join(dir, `${id}.key.der`);
      execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', leaf.keyFile, '-outform', 'DER', '-out', keyDer]);
      tool(['--write-object', keyDer, '--type', 'privkey', '--id', id, '--label', keyLabel, '--usage-sign']);
      this.importCert(leaf.certDer, id, keyLabel);
    },
    importCert(der, id, certLabel) {
      const file = join(dir, `${id}-${certLabel.replace(/\W/g, '')}.crt.der`);
      writeFileSync(file, der);
      tool(['--write-object', file, '--type', 'cert', '--id', id, '--label', certLabel]);
    },
    remove: () => rmSync(tokens, { recursive: true, force: true }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface PdfsigSignature {
  signer: string;
  valid: boolean;
  trusted: boolean;
  subFilter: string;
  /** "Total document signed" / "not total document signed". */
  total: boolean;
  raw: string;
}

/** Run pdfsig on a file (with an NSS db) and parse each "Signature #n" block. */
export function pdfsig(file: string, nssDir: string): { signatures: PdfsigSignature[]; raw: string; status: number } {
  let raw: string;
  let status = 0;
  try {
    raw = execFileSync('pdfsig', ['-nssdir', `sql:${nssDir}`, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    raw = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    status = e.status ?? 1;
  }
  const blocks = raw.split(/^Signature #\d+:$/m).slice(1);
  return {
    raw, status,
    signatures: blocks.map((b) => ({
      signer: /Signer Certificate Common Name: (.*)/.exec(b)?.[1]?.trim() ?? '',
      valid: /Signature Validation: Signature is Valid\./.test(b),
      trusted: /Certificate Validation: Certificate is Trusted\./.test(b),
      subFilter: /Signature Type: (.*)/.exec(b)?.[1]?.trim() ?? '',
      total: /Total document signed/.test(b),
      raw: b,
    })),
  };
}

/** `qpdf --check` exit status and output (0 = no problems, 3 = warnings). */
export function qpdfCheck(file: string): { status: number; out: string } {
  try {
    return { status: 0, out: execFileSync('qpdf', ['--check', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    return { status: e.status ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
