import { z } from 'zod';
import { vi } from '../i18n/vi';
import { folderPathText } from './common.schema';

/** Backup, restore and recovery: what crosses the contract (paths are the desk's own folders). */

const pathText = folderPathText(vi.fields.backupFolder);

export const BackupEngineSchema = z.enum(['sqlite', 'postgres']);

/** Rows per table, as counted in the copied snapshot. */
export const TableCountsSchema = z.record(z.string(), z.number().int().nonnegative());

export const AuditSummarySchema = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditSummary = z.infer<typeof AuditSummarySchema>;

/** One finding, in Vietnamese for the person who reads it. */
export const AdminProblemSchema = z.object({ code: z.string(), message: z.string() });
export type AdminProblem = z.infer<typeof AdminProblemSchema>;

/** One backup file in a folder, with what its manifest says. */
export const BackupEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  folder: z.string(),
  engine: BackupEngineSchema,
  /** ISO instant of the snapshot. */
  createdAt: z.string(),
  /** "17/03/2026 09:00:00", Vietnam time. */
  createdAtText: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The manifest exists and the file has the size it recorded (the quick check; `backup.preview` re-verifies in full). */
  complete: z.boolean(),
  /** Complete, and the audit chain was intact when the backup was taken. */
  verified: z.boolean(),
  appVersion: z.string().nullable(),
  schemaVersion: z.string().nullable(),
  counts: TableCountsSchema,
  audit: AuditSummarySchema.nullable(),
});
export type BackupEntry = z.infer<typeof BackupEntrySchema>;

export const BackupSettingsSchema = z.object({
  engine: BackupEngineSchema,
  /** The configured folder (a USB drive…), or null: then backups go to `defaultFolder` and nothing is scheduled. */
  folder: z.string().nullable(),
  intervalHours: z.number().positive(),
  keep: z.number().int().min(1),
  /** `<data folder>/backups`: used when no folder is chosen, and where restore keeps the replaced data. */
  defaultFolder: z.string(),
  /** The scheduler runs in this process (the desk app or browser host; not the CLI). */
  scheduled: z.boolean(),
  nextRunAt: z.string().nullable(),
  lastBackupAt: z.string().nullable(),
  /** The last scheduled backup failed with this message (cleared by the next success). */
  lastError: z.string().nullable(),
  /** PostgreSQL only: pg_dump/pg_restore found on this machine, or what to do instead. */
  pgTools: z.object({ available: z.boolean(), message: z.string().nullable() }).nullable(),
});
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const SaveBackupSettingsSchema = z.strictObject({
  folder: pathText.nullable(),
  intervalHours: z.number().positive().max(24 * 31),
  keep: z.number().int().min(1).max(1000),
});
export type SaveBackupSettings = z.infer<typeof SaveBackupSettingsSchema>;

export const CreateBackupInputSchema = z.strictObject({
  /** Back up to this folder instead of the configured one. */
  folder: pathText.optional(),
  /** Progress is reported as `job.progress` events with this id. */
  jobId: z.string().min(1).max(64).optional(),
});

export const CreatedBackupSchema = BackupEntrySchema.extend({
  /** Older backups deleted by rotation. */
  removed: z.array(z.string()),
  warnings: z.array(AdminProblemSchema),
});
export type CreatedBackup = z.infer<typeof CreatedBackupSchema>;

export const BackupListSchema = z.object({
  /** The folder asked about (or the configured one). */
  folder: z.string(),
  /** Backups in that folder and in `<data folder>/backups`, newest first. */
  entries: z.array(BackupEntrySchema),
});

export const StoreCheckSchema = z.object({
  ok: z.boolean(),
  engine: BackupEngineSchema,
  checkedAt: z.string(),
  /** SQLite's integrity_check lines (`['ok']` when healthy); null on PostgreSQL (the server checks its own pages). */
  integrity: z.array(z.string()).nullable(),
  audit: AuditSummarySchema.nullable(),
  problems: z.array(AdminProblemSchema),
});
export type StoreCheck = z.infer<typeof StoreCheckSchema>;

export const CurrentDataSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('missing') }),
  z.object({ state: z.literal('ok'), counts: TableCountsSchema }),
  z.object({ state: z.literal('damaged'), problem: z.string() }),
]);

export const RestorePreviewSchema = z.object({
  path: z.string(),
  name: z.string(),
  engine: BackupEngineSchema,
  createdAt: z.string().nullable(),
  createdAtText: z.string().nullable(),
  appVersion: z.string().nullable(),
  schemaVersion: z.string().nullable(),
  counts: TableCountsSchema,
  audit: AuditSummarySchema.nullable(),
  bytes: z.number().int().nonnegative(),
  newerSchema: z.boolean(),
  /** Usable for restore. */
  ok: z.boolean(),
  problems: z.array(AdminProblemSchema),
  warnings: z.array(AdminProblemSchema),
  /** What the restore would replace. */
  current: CurrentDataSchema,
});
export type RestorePreview = z.infer<typeof RestorePreviewSchema>;

export const RestoreOutcomeSchema = z.object({
  restoredFrom: z.string(),
  createdAtText: z.string().nullable(),
  counts: TableCountsSchema,
  /** Where the data that was replaced is kept. */
  safety: z.object({ kind: z.enum(['backup', 'raw_copy', 'none']), paths: z.array(z.string()) }),
});
export type RestoreOutcome = z.infer<typeof RestoreOutcomeSchema>;

export const RestoreInputSchema = z.strictObject({ file: pathText });

/** The recovery screen: why the store did not open, and the backups that can bring it back. */
export const RecoveryStatusSchema = z.object({
  /** False once the store is healthy (normal mode). */
  needed: z.boolean(),
  reason: z.enum(['not_a_database', 'corrupt', 'quick_check_failed']).nullable(),
  message: z.string().nullable(),
  /** The damaged file (left untouched). */
  file: z.string().nullable(),
  problems: z.array(AdminProblemSchema),
  /** Complete backups this app can restore, newest first. */
  backups: z.array(BackupEntrySchema),
});
export type RecoveryStatus = z.infer<typeof RecoveryStatusSchema>;
