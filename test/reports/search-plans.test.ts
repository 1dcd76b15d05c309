import { afterEach, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../main/core/reports/search.service';
import { searchDossiers, type SearchFilters, type SearchLimits } from '../../main/store/search.repository';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

/**
 * Name search picks its plan by how many applicants the words match (main/store/search.repository.ts):
 * a short list counted exactly; a longer list walked newest first; or, for common words, a walk with
 * one index probe per word. Limits of a few rows reach every plan with a small store; all must return
 * the same rows in the same order.
 */
const EXACT: SearchLimits = { countCap: 100, commonWord: 100, listMax: 100 };
const plans = (cap: number): Record<string, SearchLimits> => ({
  'list walked': { countCap: cap, commonWord: 100, listMax: 100 },
  'probes (common words)': { countCap: cap, commonWord: 1, listMax: 100 },
  'probes (list too long)': { countCap: cap, commonWord: 100, listMax: 1 },
});
const HEADER = 'ma_ho_so,ma_thu_tuc,ho_ten,so_giay_to,kenh,ngay_nhan,ngay_hen,ngay_co_ket_qua,ngay_tra,trang_thai';
const NAMES = [
  'Nguyễn Văn Hùng',
  'Nguyễn Thị Hường',
  'Trần Ngọc Lan',
  'Nguyễn Nguyên Khang', // two words that both start with "nguy": still one dossier
  'Lê Văn Hùng',
  'Nguyễn Thị Lan',
  'Phạm Hùng Nguyên',
  'Nguyễn Văn Tâm',
  'Hồ Thị Hường',
  'Nguyễn Hữu Hùng',
];

function filters(query: string, extra: Partial<SearchFilters> = {}): SearchFilters {
  return { ...parseSearchQuery(query), fromLocal: null, toLocalExclusive: null, statuses: [], field: '', procedureCode: '', channel: null, officer: '', ...extra };
}

for (const target of storeTargets()) {
  describe(`name search plans on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    async function seeded() {
      const env = await freshApp(target, { now: '2026-06-30T03:00:00.000Z' });
      cleanups.push(env.cleanup);
      const c = env.app.client();
      await c.invoke('unit.save', SAMPLE_UNIT);
      // Three dossiers per person, one a day, so "newest first" is a strict order; procedures alternate fields.
      const rows = [HEADER];
      let day = 0;
      for (let round = 0; round < 3; round++) {
        for (const name of NAMES) {
          day++;
          const date = new Date(Date.UTC(2026, 2, 1) + day * 86_400_000).toISOString().slice(0, 10);
          rows.push(`,${day % 2 ? '1.001193' : '2.000815'},${name},,truc_tiep,${date}T08:00,,,,`);
        }
      }
      const res = await c.invoke('dossiers.import', { fileName: 'names.csv', contentBase64: Buffer.from(rows.join('\n')).toString('base64') });
      expect(res.imported).toBe(30);
      return env.app;
    }

    it('gives the same first page, capped, whichever plan answers', async () => {
      const app = await seeded();
      const db = app.store.db;
      const order = { sort: 'received' as const, dir: 'desc' as const, limit: 4, offset: 0 };
      const nguyen = NAMES.filter((n) => /Nguyễn|Nguyên/.test(n));
      const exact = await searchDossiers(db, app.store.kind, filters('nguyen'), order, EXACT);
      expect(exact).toMatchObject({ total: nguyen.length * 3, totalCapped: false });
      expect(exact.rows.map((r) => r.full_name)).toEqual(['Nguyễn Hữu Hùng', 'Nguyễn Văn Tâm', 'Phạm Hùng Nguyên', 'Nguyễn Thị Lan']);
      // A page past the end (the list shrank under the pager) is empty but still says how many there are.
      expect(await searchDossiers(db, app.store.kind, filters('nguyen'), { ...order, offset: 100 }, EXACT)).toEqual({ total: nguyen.length * 3, totalCapped: false, rows: [] });
      for (const [plan, limits] of Object.entries(plans(5))) {
        const capped = await searchDossiers(db, app.store.kind, filters('nguyen'), order, limits);
        expect(capped, plan).toMatchObject({ total: 5, totalCapped: true });
        expect(capped.rows.map((r) => r.code), plan).toEqual(exact.rows.map((r) => r.code));
        // The next page continues where the first stopped and ends at the cap.
        const next = await searchDossiers(db, app.store.kind, filters('nguyen'), { ...order, offset: 4 }, limits);
        const exactNext = await searchDossiers(db, app.store.kind, filters('nguyen'), { ...order, offset: 4, limit: 1 }, EXACT);
        expect(next.rows.map((r) => r.code), plan).toEqual(exactNext.rows.map((r) => r.code));
      }
    });

    it('matches every word as a name-word prefix in any order, and counts exactly when other filters narrow a capped search', async () => {
      const app = await seeded();
      const db = app.store.db;
      const order = { sort: 'name' as const, dir: 'asc' as const, limit: 50, offset: 0 };
      const codes = async (q: string, limits: SearchLimits) => (await searchDossiers(db, app.store.kind, filters(q), order, limits)).rows.map((r) => `${r.full_name} ${r.code}`);
      const names = async (q: string) => [...new Set((await codes(q, EXACT)).map((r) => r.replace(/ H50.*$/, '')))];
      expect(await names('hung nguyen')).toEqual(['Nguyễn Hữu Hùng', 'Nguyễn Văn Hùng', 'Phạm Hùng Nguyên']);
      expect(await codes('nguyen hung', EXACT)).toEqual(await codes('hung nguyen', EXACT));
      expect(await names('ng lan')).toEqual(['Nguyễn Thị Lan', 'Trần Ngọc Lan']);
      expect(await names('thi huong')).toEqual(['Hồ Thị Hường', 'Nguyễn Thị Hường']);
      expect(await names('nguy')).toHaveLength(NAMES.filter((n) => /Nguyễn|Nguyên/.test(n)).length);
      expect(await names('van hungx')).toEqual([]);
      // Every other plan: the same first rows in the same order, never more than the cap.
      for (const [plan, limits] of Object.entries(plans(2))) {
        for (const q of ['hung nguyen', 'nguyen hung', 'ng lan', 'thi huong', 'nguy', 'van hungx']) {
          expect(await codes(q, limits), `${plan}: ${q}`).toEqual((await codes(q, EXACT)).slice(0, 2));
        }
      }
      // "hung" matches 5 people (15 dossiers): past a cap of 4; with a date filter 3 remain, counted exactly.
      for (const [plan, limits] of Object.entries(plans(4))) {
        const narrowed = await searchDossiers(db, app.store.kind, filters('hung', { fromLocal: '2026-03-02T00:00', toLocalExclusive: '2026-03-11T00:00' }), order, limits);
        expect(narrowed, plan).toMatchObject({ total: 3, totalCapped: false });
        const wide = await searchDossiers(db, app.store.kind, filters('hung', { fromLocal: '2026-03-02T00:00' }), order, limits);
        expect(wide, plan).toMatchObject({ total: 4, totalCapped: true });
        expect(wide.rows, plan).toHaveLength(4);
      }
    });
  });
}
