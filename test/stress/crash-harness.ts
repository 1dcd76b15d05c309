import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { quickCheck } from '../../main/core/admin/health';
import { listBackups, verifyBackupFile } from '../../main/core/admin/backup';
import { verifyAuditChain } from '../../main/core/audit/audit';
import { openStore, type Store } from '../../main/store/dialect';
import { SAMPLE_UNIT } from '../support/app';
import { DeskClient, killHard, launchHost, prng, signInAdmin, type LaunchedHost } from './host-process';

/**
 * Crash safety (issue 9): drive the real host over HTTP with intake, receipt printing, page
 * imports, CSV imports and backups from several desks at once, SIGKILL it at a random moment,
 * then check the store as the crash left it (before anything repairs it) and again through a
 * restarted host. What was acknowledged (HTTP 200 with an ok envelope) must all be there; what
 * was in flight must be all there or not at all.
 */

export const PROCEDURE = '2.000815';
const SQLITE = 'motcua.sqlite';

interface AckedDossier {
  code: string;
  id: string;
  requestId: string;
  components: number;
}
interface AckedPrint {
  documentId: string;
  fileId: string;
  sha256: string;
  code: string;
}
interface AckedScan {
  scanId: string;
  fileId: string;
  code: string;
}
interface AckedImport {
  codes: string[];
}
interface PendingImport {
  marker: string;
  rows: number;
}

export interface CrashSummary {
  seed: number;
  runs: number;
  kills: number;
  bootKills: number;
  acknowledged: { dossiers: number; prints: number; scans: number; imports: number; backups: number };
  inFlightAtKill: number;
  retriedAfterRestart: number;
  losses: number;
  problems: string[];
  /** Start-up to first answer of each restart, ms. */
  restartMs: number[];
}

export interface CrashOptions {
  runs: number;
  seed: number;
  dataDir: string;
  /** Desks sending requests at the same time. */
  desks?: number;
  /** Upper bound of the random delay between the chosen number of acknowledgements and the kill. */
  maxKillDelayMs?: number;
  /** Share of runs killed during start-up (migrations, recovery checks) instead of mid-work. */
  bootKillShare?: number;
  log?: (line: string) => void;
}

/** An A4 page at 100 dpi with a few dark bars: what an imported scan looks like to the pipeline. */
async function pagePng(): Promise<string> {
  const bars = Array.from({ length: 12 }, (_, i) => ({
    input: { create: { width: 420, height: 12, channels: 3 as const, background: '#202020' } },
    left: 120,
    top: 120 + i * 40,
  }));
  const png = await sharp({ create: { width: 827, height: 1169, channels: 3, background: '#ffffff' } }).composite(bars).withMetadata({ density: 100 }).png().toBuffer();
  return png.toString('base64');
}

function applicant(n: number) {
  return { fullName: `Nguyễn Thị Hường ${String.fromCharCode(65 + (n % 26))}`, idNumber: `0453010${String(10000 + (n % 89999)).padStart(5, '0')}`, dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp, xã Hướng Phùng' };
}

export async function runCrashCampaign(opts: CrashOptions): Promise<CrashSummary> {
  const log = opts.log ?? (() => undefined);
  const rnd = prng(opts.seed);
  const desks = opts.desks ?? 3;
  const maxDelay = opts.maxKillDelayMs ?? 2000;
  const bootShare = opts.bootKillShare ?? 0.1;
  const backupFolder = join(opts.dataDir, 'stress-backups');
  mkdirSync(backupFolder, { recursive: true });
  const png = await pagePng();

  const dossiers = new Map<string, AckedDossier>();
  const prints: AckedPrint[] = [];
  const scans: AckedScan[] = [];
  const imports: AckedImport[] = [];
  const backups: string[] = [];
  const pendingImports: PendingImport[] = [];
  const verifiedBackups = new Set<string>();
  const summary: CrashSummary = {
    seed: opts.seed,
    runs: 0,
    kills: 0,
    bootKills: 0,
    acknowledged: { dossiers: 0, prints: 0, scans: 0, imports: 0, backups: 0 },
    inFlightAtKill: 0,
    retriedAfterRestart: 0,
    losses: 0,
    problems: [],
    restartMs: [],
  };
  const fail = (run: number, what: string) => {
    summary.problems.push(`run ${run}: ${what}`);
  };
  let importCounter = 0;

  let host: LaunchedHost = launchHost(opts.dataDir);
  let client = new DeskClient(await host.ready);
  await signInAdmin(client);
  await client.invoke('unit.save', SAMPLE_UNIT);

  for (let run = 1; run <= opts.runs; run++) {
    summary.runs = run;
    const inFlightIntakes = new Map<string, unknown>();
    let stopping = false;
    let inFlight = 0;

    const bootKill = run > 1 && rnd.next() < bootShare;
    if (bootKill) {
      // The previous run left a running host: kill it now, then kill the next one while it starts.
      await killHard(host);
      host = launchHost(opts.dataDir);
      await new Promise((r) => setTimeout(r, rnd.int(0, 2500)));
      await killHard(host);
      summary.kills += 1;
      summary.bootKills += 1;
    } else {
      const deskSeeds = Array.from({ length: desks }, () => rnd.int(0, 2 ** 31 - 1));
      const desk = async (d: number) => {
        const c = new DeskClient(client.host);
        c.session = client.session;
        const drng = prng(deskSeeds[d]!);
        while (!stopping) {
          const roll = drng.next();
          const known = [...dossiers.values()];
          inFlight += 1;
          try {
            if (roll < 0.45 || known.length === 0) {
              const requestId = randomUUID();
              const components = drng.int(1, 2);
              const input = {
                requestId,
                procedureCode: PROCEDURE,
                applicant: applicant(drng.int(0, 10_000)),
                components: Array.from({ length: components }, (_, position) => ({ position, received: true })),
                fee: { pages: drng.int(1, 5), copies: drng.int(1, 3) },
                note: `stress run ${run} desk ${d}`,
              };
              inFlightIntakes.set(requestId, input);
              const { envelope } = await c.call<{ code: string; id: string; components: unknown[] }>('dossiers.create', input);
              if (envelope.ok) {
                inFlightIntakes.delete(requestId);
                const v = envelope.value!;
                dossiers.set(v.code, { code: v.code, id: v.id, requestId, components: v.components.length });
              } else if (!stopping) fail(run, `dossiers.create refused: ${envelope.error?.code} ${envelope.error?.message}`);
            } else if (roll < 0.65) {
              const target = drng.pick(known);
              const { envelope } = await c.call<{ id: string; fileId: string; sha256: string; status: string }>('documents.print', { target: { kind: 'dossier', code: target.code, form: '01' } });
              if (envelope.ok) prints.push({ documentId: envelope.value!.id, fileId: envelope.value!.fileId, sha256: envelope.value!.sha256, code: target.code });
              else if (!stopping) fail(run, `documents.print refused: ${envelope.error?.code} ${envelope.error?.message}`);
            } else if (roll < 0.8) {
              const target = drng.pick(known);
              const component = drng.int(0, target.components - 1);
              const imported = await c.call<{ id: string }>('scans.import', { dossierCode: target.code, component, profile: 'plain_text', name: `trang-${run}.png`, dataBase64: png });
              if (!imported.envelope.ok) {
                if (!stopping) fail(run, `scans.import refused: ${imported.envelope.error?.code} ${imported.envelope.error?.message}`);
                continue;
              }
              const attached = await c.call<{ scan: { id: string; fileId: string } }>('scans.attach', { batchId: imported.envelope.value!.id, replace: true });
              if (attached.envelope.ok) scans.push({ scanId: attached.envelope.value!.scan.id, fileId: attached.envelope.value!.scan.fileId, code: target.code });
              else if (!stopping) fail(run, `scans.attach refused: ${attached.envelope.error?.code} ${attached.envelope.error?.message}`);
            } else if (roll < 0.91) {
              const marker = `Nhập ${++importCounter}`;
              const rows = drng.int(2, 4);
              const lines = ['ma_thu_tuc,ho_ten,so_giay_to,kenh,ngay_nhan'];
              for (let k = 0; k < rows; k++) lines.push(`${PROCEDURE},Lê Văn ${marker} ${String.fromCharCode(65 + k)},,truc_tiep,2026-03-10T${String(8 + k).padStart(2, '0')}:15`);
              const pending = { marker, rows };
              pendingImports.push(pending);
              const { envelope } = await c.call<{ imported: number; codes: string[]; errors: unknown[] }>('dossiers.import', {
                fileName: `ho-so-cu-${importCounter}.csv`,
                contentBase64: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8').toString('base64'),
              });
              if (envelope.ok) {
                if (envelope.value!.imported !== rows) fail(run, `import of ${rows} rows imported ${envelope.value!.imported}: ${JSON.stringify(envelope.value!.errors)}`);
                imports.push({ codes: envelope.value!.codes });
              } else if (!stopping) fail(run, `dossiers.import refused: ${envelope.error?.code} ${envelope.error?.message}`);
            } else {
              const { envelope } = await c.call<{ path: string }>('backup.create', { folder: backupFolder });
              if (envelope.ok) backups.push(envelope.value!.path);
              else if (!stopping) fail(run, `backup.create refused: ${envelope.error?.code} ${envelope.error?.message}`);
            }
          } catch {
            // The host died under this request: it was never acknowledged.
            if (!stopping) await new Promise((r) => setTimeout(r, 5));
          } finally {
            inFlight -= 1;
          }
        }
      };
      const workers = Array.from({ length: desks }, (_, d) => desk(d));
      // The moment: after a random number of acknowledged operations (so slow first prints and scans of
      // a fresh process get their turn too), plus a random delay that lands among the next requests.
      const wantAcks = rnd.int(0, 6);
      const extra = rnd.int(0, maxDelay);
      const acksNow = () => dossiers.size + prints.length + scans.length + imports.length + backups.length;
      const target = acksNow() + wantAcks;
      const deadline = performance.now() + 60_000;
      while (acksNow() < target && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, extra));
      summary.inFlightAtKill += inFlight;
      await killHard(host);
      stopping = true;
      await Promise.all(workers);
      summary.kills += 1;
    }

    // 1. The store exactly as the crash left it.
    await checkStoreOffline(run, join(opts.dataDir, SQLITE), { dossiers, prints, scans, imports, pendingImports, backups, backupFolder, verifiedBackups }, fail);

    // 2. A restarted host serves everything that was acknowledged, and retries of in-flight saves make no twins.
    const t0 = performance.now();
    host = launchHost(opts.dataDir);
    const previousSession = client.session;
    client = new DeskClient(await host.ready);
    summary.restartMs.push(performance.now() - t0);
    await signInAdmin(client, previousSession);
    for (const [requestId, input] of inFlightIntakes) {
      const { envelope } = await client.call<{ code: string; id: string; components: unknown[] }>('dossiers.create', input);
      summary.retriedAfterRestart += 1;
      if (!envelope.ok) {
        fail(run, `retry of ${requestId} refused: ${envelope.error?.code} ${envelope.error?.message}`);
        continue;
      }
      const v = envelope.value!;
      const earlier = dossiers.get(v.code);
      if (earlier && earlier.requestId !== requestId) fail(run, `retry of ${requestId} got code ${v.code} that belongs to ${earlier.requestId}`);
      dossiers.set(v.code, { code: v.code, id: v.id, requestId, components: v.components.length });
    }
    const sample = [...dossiers.values()].slice(-5);
    for (const d of sample) {
      const { envelope } = await client.call<{ code: string; components: unknown[]; appointments: unknown[] }>('dossiers.get', { code: d.code });
      if (!envelope.ok) fail(run, `acknowledged dossier ${d.code} not served after restart: ${envelope.error?.code}`);
      else if (envelope.value!.components.length !== d.components || envelope.value!.appointments.length < 1) fail(run, `dossier ${d.code} served without all its parts`);
    }
    const lastPrint = prints.at(-1);
    if (lastPrint) {
      const f = await client.file(lastPrint.fileId);
      if (f.status !== 200 || createHash('sha256').update(f.bytes).digest('hex') !== lastPrint.sha256) fail(run, `printed receipt ${lastPrint.documentId} not served intact after restart (HTTP ${f.status})`);
    }
    if (run % 10 === 0 || run === opts.runs) {
      log(`run ${run}/${opts.runs}: ${dossiers.size} dossiers, ${prints.length} prints, ${scans.length} scans, ${imports.length} imports, ${backups.length} backups acknowledged; problems ${summary.problems.length}`);
    }
    if (summary.problems.length > 20) break;
  }
  await killHard(host);
  summary.acknowledged = { dossiers: dossiers.size, prints: prints.length, scans: scans.length, imports: imports.length, backups: backups.length };
  summary.losses = summary.problems.filter((p) => p.includes('LOST')).length;
  return summary;
}

/** What the checks know was acknowledged; empty maps check only the store's own invariants. */
export interface Ledger {
  dossiers: Map<string, AckedDossier>;
  prints: AckedPrint[];
  scans: AckedScan[];
  imports: AckedImport[];
  pendingImports: PendingImport[];
  backups: string[];
  backupFolder: string;
  /** Backups already verified (path:size), so each is read once. */
  verifiedBackups: Set<string>;
}

const count = (rows: Array<{ n: unknown }>) => Number(rows[0]?.n ?? 0);

/** Check a store file as a crash left it; every problem goes to `fail`. */
export async function checkStoreOffline(run: number, file: string, ledger: Ledger, fail: (run: number, what: string) => void): Promise<void> {
  if (!existsSync(file)) {
    if (ledger.dossiers.size > 0) fail(run, 'LOST: the database file is gone');
    return;
  }
  let store: Store | null = null;
  try {
    store = await openStore({ kind: 'sqlite', file });
    const db = store.db;
    const health = await quickCheck(store);
    if (!health.ok) fail(run, `integrity check failed: ${JSON.stringify(health.problems)}`);
    const chain = await verifyAuditChain(db);
    if (!chain.ok) fail(run, `audit chain broken: ${JSON.stringify(chain)}`);

    // Everything acknowledged is there, whole.
    const rows = await db.selectFrom('dossiers').select(['id', 'code', 'request_id', 'agency_code', 'receipt_day', 'seq', 'book_number', 'book_line', 'applicant_id']).execute();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const compCounts = new Map(
      (await db.selectFrom('dossier_components').select(['dossier_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('dossier_id').execute()).map((r) => [r.dossier_id, Number(r.n)]),
    );
    const apptCounts = new Map(
      (await db.selectFrom('dossier_appointments').select(['dossier_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('dossier_id').execute()).map((r) => [r.dossier_id, Number(r.n)]),
    );
    const audited = new Set((await db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'dossier').execute()).map((r) => r.entity_id));
    for (const d of ledger.dossiers.values()) {
      const row = byCode.get(d.code);
      if (!row) {
        fail(run, `LOST: acknowledged dossier ${d.code} is missing`);
        continue;
      }
      if (row.id !== d.id || row.request_id !== d.requestId) fail(run, `dossier ${d.code} changed identity`);
      if ((compCounts.get(row.id) ?? 0) !== d.components) fail(run, `LOST: dossier ${d.code} has ${compCounts.get(row.id) ?? 0} of ${d.components} components`);
      if (!audited.has(row.code)) fail(run, `dossier ${d.code} has no audit entry`);
    }
    for (const i of ledger.imports) for (const code of i.codes) if (!byCode.has(code)) fail(run, `LOST: imported dossier ${code} is missing`);
    const printed = new Map((await db.selectFrom('printed_documents').select(['id', 'file_id', 'status']).execute()).map((r) => [r.id, r]));
    const files = new Map((await db.selectFrom('files').select(['id', 'kind', 'sha256', 'size']).execute()).map((r) => [r.id, r]));
    for (const p of ledger.prints) {
      const row = printed.get(p.documentId);
      if (!row) fail(run, `LOST: acknowledged receipt ${p.documentId} of ${p.code} is missing`);
      else if (row.status !== 'printed') fail(run, `receipt ${p.documentId} lost its printed status (${row.status})`);
      const f = files.get(p.fileId);
      if (!f || f.sha256 !== p.sha256) fail(run, `LOST: the bytes of receipt ${p.documentId} are missing or changed`);
    }
    const scanRows = new Map((await db.selectFrom('dossier_scans').select(['id', 'file_id', 'dossier_id']).execute()).map((r) => [r.id, r]));
    for (const s of ledger.scans) {
      const row = scanRows.get(s.scanId);
      if (!row) fail(run, `LOST: acknowledged scan ${s.scanId} of ${s.code} is missing`);
      else if (!files.has(row.file_id)) fail(run, `LOST: scan ${s.scanId} has no bytes`);
    }

    // Nothing half-written: every dossier is whole, every stored file belongs to something.
    for (const r of rows) {
      if ((compCounts.get(r.id) ?? 0) === 0) fail(run, `half-written dossier ${r.code}: no components`);
      if ((apptCounts.get(r.id) ?? 0) === 0) fail(run, `half-written dossier ${r.code}: no appointment`);
    }
    const applicantIds = new Set((await db.selectFrom('applicants').select('id').execute()).map((r) => r.id));
    for (const r of rows) if (!applicantIds.has(r.applicant_id)) fail(run, `dossier ${r.code} points at a missing applicant`);
    const linkedForms = new Set([...printed.values()].map((p) => p.file_id));
    const linkedScans = new Set([...scanRows.values()].map((s) => s.file_id));
    for (const f of files.values()) {
      if (f.kind === 'form' && !linkedForms.has(f.id)) fail(run, `file ${f.id} (form) has no printed_documents row`);
      if ((f.kind === 'scan' || f.kind === 'result') && !linkedScans.has(f.id)) fail(run, `file ${f.id} (${f.kind}) has no dossier_scans row`);
    }
    for (const p of printed.values()) if (!files.has(p.file_id)) fail(run, `printed document ${p.id} has no file`);
    for (const s of scanRows.values()) if (!files.has(s.file_id)) fail(run, `scan ${s.id} has no file`);
    // An in-flight import committed all its rows or none.
    const names = (await db.selectFrom('applicants').select('full_name').where('full_name', 'like', 'Lê Văn Nhập %').execute()).map((r) => r.full_name);
    for (const p of ledger.pendingImports) {
      const n = names.filter((x) => x.startsWith(`Lê Văn ${p.marker} `)).length;
      if (n !== 0 && n !== p.rows) fail(run, `import "${p.marker}" is half there: ${n} of ${p.rows} rows`);
    }

    // Codes: no duplicates, no gaps per day, counters equal to the highest number handed out.
    if (new Set(rows.map((r) => r.code)).size !== rows.length) fail(run, 'duplicate dossier codes');
    checkSequence(run, fail, 'code', rows.map((r) => ({ key: `code:${r.agency_code}|${r.receipt_day}`, n: r.seq })), await counters(db, 'code:'));
    checkSequence(run, fail, 'book line', rows.map((r) => ({ key: `book:${SAMPLE_UNIT.agencyCode}|${r.book_number.slice(3)}`, n: r.book_line })), await counters(db, 'book:'));

    // Backups: whatever looks complete in the folder really is (a kill mid-backup leaves no half file behind a manifest).
    for (const b of await listBackups(ledger.backupFolder)) {
      if (!b.complete || ledger.verifiedBackups.has(`${b.path}:${b.bytes}`)) continue;
      const check = await verifyBackupFile(b.path);
      if (!check.ok) fail(run, `backup ${b.name} looks complete but does not verify: ${JSON.stringify(check.problems)}`);
      else ledger.verifiedBackups.add(`${b.path}:${b.bytes}`);
    }
    const listed = new Set((await listBackups(ledger.backupFolder)).filter((b) => b.complete).map((b) => b.path));
    for (const path of ledger.backups) if (!listed.has(path)) fail(run, `LOST: acknowledged backup ${path} is not listed as complete`);
    // Count rows once more so a silent FK failure would show.
    const orphans = count(await db.selectFrom('dossier_components').leftJoin('dossiers', 'dossiers.id', 'dossier_components.dossier_id').where('dossiers.id', 'is', null).select((eb) => eb.fn.countAll().as('n')).execute());
    if (orphans > 0) fail(run, `${orphans} components without their dossier`);
  } catch (e) {
    fail(run, `offline check crashed: ${(e as Error).stack ?? String(e)}`);
  } finally {
    await store?.close();
  }
}

async function counters(db: Store['db'], prefix: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('dossier_counters').selectAll().where('scope', 'like', `${prefix}%`).execute();
  return new Map(rows.map((r) => [`${r.scope}|${r.period}`, Number(r.last_value)]));
}

function checkSequence(run: number, fail: (run: number, what: string) => void, what: string, items: Array<{ key: string; n: number }>, counter: Map<string, number>): void {
  const groups = new Map<string, number[]>();
  for (const { key, n } of items) groups.set(key, [...(groups.get(key) ?? []), n]);
  for (const [key, ns] of groups) {
    ns.sort((a, b) => a - b);
    for (let i = 0; i < ns.length; i++) {
      if (ns[i] !== i + 1) {
        fail(run, `${what} numbers of ${key} are not 1..${ns.length} without gaps or twins: ${ns.slice(Math.max(0, i - 2), i + 3).join(',')}`);
        break;
      }
    }
    if (counter.get(key) !== ns.length) fail(run, `${what} counter ${key} is ${counter.get(key)} but the highest number is ${ns.at(-1)}`);
  }
  for (const [key, v] of counter) if (!groups.has(key) && v !== 0) fail(run, `${what} counter ${key} is ${v} with no dossier numbered under it`);
}
