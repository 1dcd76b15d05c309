import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import shippedCatalogue from '../../assets/catalogue/catalogue-2026.json';
import { createApp, type App } from '../../main/app/create-app';
import { fixedClock } from '../../main/core/ports/clock';
import type { Database } from '../../main/store/schema';
import { nameTokens } from '../../main/store/search-tokens';
import { applicantSnapshot } from '../../main/store/applicants.repository';
import { foldVietnamese } from '../../shared/domain/text';
import type { Insertable } from 'kysely';

/**
 * A district-sized store for the search and report benches: `count` dossiers over 2025-07 … 2026-12
 * with realistic Vietnamese names (family names weighted as in the population), bulk-inserted in one
 * transaction with the name index filled the way the app fills it.
 */

const FAMILY: Array<[string, number]> = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3], ['Huỳnh', 2], ['Phan', 4.5], ['Vũ', 2], ['Võ', 2],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Hồ', 1], ['Trương', 1], ['Đinh', 1], ['Lâm', 0.5],
  ['Mai', 0.5], ['Cao', 0.5], ['Tạ', 0.3], ['Kiều', 0.2], ['Pả', 0.2], ['Hồ Văn', 0.3],
];
const MIDDLE = ['Thị', 'Văn', 'Đức', 'Ngọc', 'Minh', 'Thu', 'Hữu', 'Quốc', 'Thanh', 'Kim', 'Xuân', 'Công', 'Bảo', 'Anh', 'Thị Thu', 'Văn Minh'];
export const GIVEN = [
  'Hường', 'Lan', 'Hùng', 'Dũng', 'Phương', 'Thảo', 'Quân', 'Giang', 'Hiếu', 'Yến', 'Đạt', 'Sơn', 'Hương', 'Hà', 'Linh', 'Trang', 'Tuấn', 'Nam',
  'Hải', 'Long', 'Mai', 'Ngọc', 'Nhung', 'Oanh', 'Phúc', 'Quỳnh', 'Tâm', 'Thủy', 'Trung', 'Vân', 'Vinh', 'Xuân', 'Bình', 'Châu', 'Cường', 'Diệp',
  'Đông', 'Hạnh', 'Hòa', 'Huệ', 'Khánh', 'Khoa', 'Lợi', 'Lực', 'Mạnh', 'Nga', 'Nghĩa', 'Nhàn', 'Phong', 'Quang', 'Sáng', 'Tài', 'Thắng', 'Thơm',
  'Tiến', 'Toàn', 'Tùng', 'Uyên', 'Việt', 'Vỹ', 'Ánh', 'Ân', 'Luyến', 'Pả Cút', 'Kăn', 'Xiêm',
];

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function nameMaker(r: () => number): () => string {
  const total = FAMILY.reduce((s, [, w]) => s + w, 0);
  return () => {
    let x = r() * total;
    let family = FAMILY[0]![0];
    for (const [f, w] of FAMILY) {
      if ((x -= w) <= 0) {
        family = f;
        break;
      }
    }
    return `${family} ${MIDDLE[Math.floor(r() * MIDDLE.length)]} ${GIVEN[Math.floor(r() * GIVEN.length)]}`;
  };
}

export interface SeededStore {
  app: App;
  kind: 'sqlite' | 'postgres';
  seconds: number;
  close(): Promise<void>;
}

export async function seededStore(kind: 'sqlite' | 'postgres', tmpDir: string, count: number, log: (m: string) => void): Promise<SeededStore> {
  const url = process.env.DATABASE_URL;
  if (kind === 'postgres' && !url) throw new Error('DATABASE_URL is not set');
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const dataDir = join(tmpDir, kind);
  const app = await createApp({
    dataDir,
    store: kind === 'sqlite' ? { kind: 'sqlite', file: join(dataDir, 'motcua.sqlite') } : { kind: 'postgres', url: url!, schema },
    clock: fixedClock('2027-01-05T03:00:00.000Z'),
  });
  await app.client().invoke('unit.save', {
    parentAgency: 'UBND XÃ HƯỚNG PHÙNG',
    unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HƯỚNG PHÙNG',
    agencyCode: 'H50.12.34',
    place: 'Hướng Phùng',
    address: '',
    phone: '',
    email: '',
    officers: [{ name: 'Hồ Thị Lan', title: 'Công chức' }],
  });
  const started = performance.now();
  const r = rng(20260317);
  const name = nameMaker(r);
  const procedures = shippedCatalogue.procedures.filter((p) => p.effectiveFrom <= '2025-07-01');
  const officers = ['Hồ Thị Lan', 'Nguyễn Văn Hùng', 'Trần Thị Mai', 'Lê Văn Tâm'];
  const start = Date.UTC(2025, 6, 1);
  const span = Date.UTC(2027, 0, 1) - start;
  const batch = kind === 'sqlite' ? 400 : 800;
  const applicantPool: Array<{ id: string; name: string; row: Insertable<Database['applicants']> }> = [];
  const daySeq = new Map<string, number>();
  const bookLine = new Map<string, number>();
  const events: Array<{ received: number; i: number }> = Array.from({ length: count }, (_, i) => ({ received: start + Math.floor(r() * span), i }));
  events.sort((a, b) => a.received - b.received);
  await app.store.db.transaction().execute(async (trx) => {
    let dossiers: Insertable<Database['dossiers']>[] = [];
    let applicants: Insertable<Database['applicants']>[] = [];
    let tokens: Insertable<Database['search_name_tokens']>[] = [];
    let indexed: Insertable<Database['search_indexed_applicants']>[] = [];
    const flush = async () => {
      if (applicants.length) await trx.insertInto('applicants').values(applicants).execute();
      for (let i = 0; i < tokens.length; i += batch * 2) await trx.insertInto('search_name_tokens').values(tokens.slice(i, i + batch * 2)).execute();
      if (indexed.length) await trx.insertInto('search_indexed_applicants').values(indexed).execute();
      if (dossiers.length) await trx.insertInto('dossiers').values(dossiers).execute();
      dossiers = [];
      applicants = [];
      tokens = [];
      indexed = [];
    };
    for (const { received } of events) {
      let applicant: { id: string; name: string; row: Insertable<Database['applicants']> };
      // About one dossier in four comes from someone who filed before.
      if (applicantPool.length > 100 && r() < 0.25) applicant = applicantPool[Math.floor(r() * applicantPool.length)]!;
      else {
        const id = randomUUID();
        const fullName = name();
        const folded = foldVietnamese(fullName);
        const at = new Date(received - 7 * 3600_000).toISOString();
        applicant = {
          id,
          name: fullName,
          row: {
            id,
            kind: 'person',
            full_name: fullName,
            name_folded: folded,
            id_number: `0${String(Math.floor(r() * 1e11)).padStart(11, '0')}`,
            id_kind: 'cccd',
            date_of_birth: '',
            phone: `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
            email: '',
            address: 'Thôn Cợp, xã Hướng Phùng',
            id_qr_raw: '',
            created_at: at,
            updated_at: at,
          },
        };
        applicantPool.push(applicant);
        applicants.push(applicant.row);
        for (const token of nameTokens(applicant.name)) tokens.push({ token, applicant_id: applicant.id });
        indexed.push({ applicant_id: applicant.id, name_folded: folded });
      }
      const p = procedures[Math.floor(r() * procedures.length)]!;
      const receivedLocal = new Date(received).toISOString().slice(0, 16);
      const date = receivedLocal.slice(0, 10);
      const day = date.slice(2).replace(/-/g, '');
      const seq = (daySeq.get(day) ?? 0) + 1;
      daySeq.set(day, seq);
      const year = date.slice(0, 4);
      const line = (bookLine.get(year) ?? 0) + 1;
      bookLine.set(year, line);
      const dueMs = received + (1 + Math.floor(r() * 10)) * 86_400_000;
      const dueLocal = new Date(dueMs).toISOString().slice(0, 16);
      const outcome = r();
      const resultMs = outcome < 0.85 ? received + Math.floor(r() * 1.2 * (dueMs - received)) : null;
      const resultLocal = resultMs === null || resultMs > Date.UTC(2027, 0, 5) ? null : new Date(resultMs).toISOString().slice(0, 16);
      const closedLocal = resultLocal === null && outcome < 0.9 && outcome >= 0.85 ? new Date(received + 86_400_000).toISOString().slice(0, 16) : null;
      const toUtc = (l: string | null) => (l === null ? null : new Date(Date.parse(`${l}:00Z`) - 7 * 3600_000).toISOString());
      const code = `H50.12.34-${day}-${String(seq).padStart(4, '0')}`;
      dossiers.push({
        id: randomUUID(),
        code,
        request_id: `bench:${code}`,
        agency_code: 'H50.12.34',
        receipt_day: day,
        seq,
        book_number: `01/${year}`,
        book_line: line,
        procedure_code: p.code,
        procedure_name: p.name,
        field: p.field,
        procedure_json: JSON.stringify(p),
        applicant_id: applicant.id,
        ...applicantSnapshot(applicant.row),
        channel: r() < 0.15 ? 'truc_tuyen' : r() < 0.05 ? 'buu_chinh' : 'truc_tiep',
        status: resultLocal ? 'returned' : closedLocal ? 'withdrawn' : 'in_progress',
        received_at: toUtc(receivedLocal)!,
        received_local: receivedLocal,
        due_local: dueLocal,
        computed_due_local: dueLocal,
        limit_json: JSON.stringify(p.limit),
        set_count: 1,
        fee_amount: 0,
        fee_breakdown: '',
        fee_input_json: '{}',
        return_method: 'tai_bo_phan',
        received_by: officers[Math.floor(r() * officers.length)]!,
        note: '',
        created_at: toUtc(receivedLocal)!,
        updated_at: toUtc(receivedLocal)!,
        result_at: toUtc(resultLocal),
        result_local: resultLocal,
        returned_at: toUtc(resultLocal),
        returned_local: resultLocal,
        closed_at: toUtc(closedLocal),
        closed_local: closedLocal,
        supplement_count: r() < 0.03 ? 1 : 0,
        paused_minutes: 0,
        digitized_components: r() < 0.6 ? 2 : 0,
        reused_components: r() < 0.2 ? 1 : 0,
        has_electronic_result: r() < 0.5 ? 1 : 0,
        satisfaction: r() < 0.3 ? 'hai_long' : r() < 0.02 ? 'khong_hai_long' : null,
      });
      if (dossiers.length >= batch) await flush();
    }
    await flush();
    await trx.insertInto('search_index_meta').values({ id: 1, dossier_watermark: '2027-01-01T00:00:00.000Z' }).onConflict((oc) => oc.column('id').doUpdateSet({ dossier_watermark: '2027-01-01T00:00:00.000Z' })).execute();
  });
  if (kind === 'postgres') {
    const { sql } = await import('kysely');
    await sql`analyze`.execute(app.store.db);
  } else {
    const { sql } = await import('kysely');
    await sql`analyze`.execute(app.store.db);
  }
  const seconds = (performance.now() - started) / 1000;
  log(`${kind}: seeded ${count} dossiers (${applicantPool.length} applicants) in ${seconds.toFixed(1)} s`);
  return {
    app,
    kind,
    seconds,
    close: async () => {
      await app.close();
      if (kind === 'postgres') {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    },
  };
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
