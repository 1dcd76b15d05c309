import type { officeChannels } from '../../../shared/contract/office.channels';
import { sql } from 'kysely';
import type { MoveResult } from '../../../shared/contract/office.schema';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { copyStore, holdsOfficeData, listTables, type TableCopyCount } from '../../store/copy-store';
import { openStore, redactUrl, type Store } from '../../store/dialect';
import { LATEST_MIGRATION, migrateToLatest } from '../../store/migrations';
import type { CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';

export type DatabaseChoice = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

/**
 * What the office screens need from the desk around the core: its config.json and its SQLite file.
 * Implemented in main/app (the core never touches the data folder's files itself).
 */
export interface OfficePort {
  /** The database entry of config.json as it is now. */
  configured(): DatabaseChoice;
  /** DATABASE_URL is set and wins over config.json. */
  envOverride(): boolean;
  /** Validate and write config.json's database entry (takes effect at the next start). */
  writeDatabase(choice: DatabaseChoice): void;
  /** A new SQLite file to copy into; `commit` keeps the old file under another name and puts the new one in place. */
  stageLocalFile(): { file: string; commit(): void; discard(): void };
}

/** Turn a driver error into a sentence an admin can act on (wrong password, server off, …). */
export function describeConnectError(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const known: Record<string, string> = {
    ECONNREFUSED: 'máy chủ không nhận kết nối (kiểm tra địa chỉ, cổng 5432, tường lửa và listen_addresses)',
    ENOTFOUND: 'không tìm thấy máy chủ với địa chỉ này',
    ETIMEDOUT: 'máy chủ không trả lời (kiểm tra mạng, tường lửa)',
    EHOSTUNREACH: 'không tới được máy chủ trong mạng',
    '28P01': 'sai tên đăng nhập hoặc mật khẩu của cơ sở dữ liệu',
    '28000': 'máy chủ từ chối máy này (thêm một dòng cho mạng nội bộ vào pg_hba.conf)',
    '3D000': 'cơ sở dữ liệu chưa được tạo trên máy chủ',
    '42501': 'tài khoản không đủ quyền trên cơ sở dữ liệu',
  };
  if (code && known[code]) return known[code]!;
  if (/timeout/i.test(message)) return known.ETIMEDOUT!;
  return message.replace(/postgres(ql)?:\/\/\S+/g, (u) => redactUrl(u));
}

async function connect(url: string): Promise<Store> {
  try {
    return await openStore({ kind: 'postgres', url });
  } catch (err) {
    throw new AppError('store_unavailable', vi.office.connectFailed(describeConnectError(err)), { cause: err });
  }
}

async function withServer<T>(url: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await connect(url);
  try {
    return await work(store);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string })?.code && /^[0-9A-Z]{5}$/.test(String((err as { code?: string }).code))) {
      throw new AppError('store_unavailable', vi.office.connectFailed(describeConnectError(err)), { cause: err });
    }
    throw err;
  } finally {
    await store.close();
  }
}

async function isMigrated(store: Store): Promise<boolean> {
  const tables = await listTables(store.db, store.kind);
  if (!tables.includes('unit_profile')) return false;
  const r = await sql<{ n: number | string }>`select count(*) as n from kysely_migration where name = ${LATEST_MIGRATION}`.execute(store.db).catch(() => null);
  return r !== null && Number(r.rows[0]?.n ?? 0) > 0;
}

type OfficeChannel = ChannelsOf<typeof officeChannels>;

export function officeHandlers(deps: CoreDeps, port: OfficePort, current: { describe: string }): HandlerMap<OfficeChannel> {
  const progress = (jobId: string) => (p: { table: string; done: number; total: number }) =>
    deps.events.emit('job.progress', { jobId, kind: 'office.move', done: p.done, total: p.total, label: vi.office.copying(p.table) });

  const copyOptions = (jobId: string, replace: boolean) => ({
    replace,
    onProgress: progress(jobId),
    targetNotEmpty: () => new AppError('conflict', vi.office.serverHasData, { details: { reason: 'target_not_empty' } }),
    countMismatch: (c: TableCopyCount) => new AppError('internal', vi.office.verifyFailed(c.table, c.source, c.target), { details: { ...c } }),
  });

  const result = (tables: TableCopyCount[]): MoveResult => ({
    tables,
    rows: tables.reduce((a, t) => a + t.target, 0),
    restartNeeded: true,
  });

  return {
    'office.storeStatus': async () => {
      const configured = port.configured();
      return {
        kind: deps.storeKind,
        describe: current.describe,
        configured: configured.kind,
        configuredUrl: configured.kind === 'postgres' ? redactUrl(configured.url) : null,
        envOverride: port.envOverride(),
      };
    },
    'office.testConnection': ({ url }) =>
      withServer(url, async (store) => {
        const v = await sql<{ v: string }>`select version() as v`.execute(store.db);
        const migrated = await isMigrated(store);
        return {
          serverVersion: (v.rows[0]?.v ?? 'PostgreSQL').split(' ').slice(0, 2).join(' '),
          migrated,
          hasData: migrated ? await holdsOfficeData(store.db, store.kind) : false,
        };
      }),
    'office.prepareServer': ({ url }) =>
      withServer(url, async (store) => {
        const applied = await migrateToLatest(store.db, store.kind);
        deps.logger.info('office server migrated', { server: redactUrl(url), applied });
        return { applied };
      }),
    'office.moveToServer': async ({ url, jobId, replace }) => {
      if (deps.storeKind !== 'sqlite') throw new AppError('conflict', vi.office.alreadyServer);
      const tables = await withServer(url, async (server) => {
        await migrateToLatest(server.db, server.kind);
        return copyStore({ db: deps.db, kind: deps.storeKind }, { db: server.db, kind: server.kind }, copyOptions(jobId, replace));
      });
      port.writeDatabase({ kind: 'postgres', url });
      deps.logger.info('office data moved to server', { server: redactUrl(url), rows: tables.reduce((a, t) => a + t.target, 0) });
      return result(tables);
    },
    'office.useServer': ({ url }) =>
      withServer(url, async (server) => {
        if (!(await isMigrated(server))) throw new AppError('conflict', vi.office.notMigrated);
        if (!(await holdsOfficeData(server.db, server.kind))) throw new AppError('conflict', vi.office.serverEmpty);
        port.writeDatabase({ kind: 'postgres', url });
        return { restartNeeded: true as const };
      }),
    'office.moveToLocal': async ({ jobId }) => {
      if (deps.storeKind !== 'postgres') throw new AppError('conflict', vi.office.alreadyLocal);
      const staged = port.stageLocalFile();
      let tables: TableCopyCount[];
      try {
        const local = await openStore({ kind: 'sqlite', file: staged.file });
        try {
          await migrateToLatest(local.db, local.kind);
          tables = await copyStore({ db: deps.db, kind: deps.storeKind }, { db: local.db, kind: local.kind }, copyOptions(jobId, true));
        } finally {
          await local.close();
        }
      } catch (err) {
        staged.discard();
        throw err;
      }
      staged.commit();
      port.writeDatabase({ kind: 'sqlite' });
      deps.logger.info('office data copied back to this desk', { rows: tables.reduce((a, t) => a + t.target, 0) });
      return result(tables);
    },
  };
}
