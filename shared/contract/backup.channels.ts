import type { ChannelDef } from './channel-def';
import { ADMINS } from './access';
import {
  BackupListSchema,
  BackupSettingsSchema,
  CreateBackupInputSchema,
  CreatedBackupSchema,
  RecoveryStatusSchema,
  RestoreInputSchema,
  RestoreOutcomeSchema,
  RestorePreviewSchema,
  SaveBackupSettingsSchema,
  StoreCheckSchema,
} from './backup.schema';
import { folderPathText, noInput } from './common.schema';
import { vi } from '../i18n/vi';
import { z } from 'zod';

/**
 * Backup and restore (admin), and the recovery screen shown when the store is damaged at start.
 * `recovery.*` work before sign-in (the users table lives in the damaged store); in normal mode
 * `recovery.status` says "not needed" and `recovery.restore` refuses.
 */
export const backupChannels = {
  'backup.settings': {
    access: ADMINS,
    summary: 'Backup folder, interval, how many to keep, and the scheduler state.',
    input: noInput,
    output: BackupSettingsSchema,
  },
  'backup.saveSettings': {
    access: ADMINS,
    summary: 'Check the folder (exists, writable) and write the backup settings to config.json.',
    input: SaveBackupSettingsSchema,
    output: BackupSettingsSchema,
  },
  'backup.create': {
    access: ADMINS,
    summary: 'Back up now (SQLite online copy or pg_dump), verified, rotated; progress as job.progress.',
    input: CreateBackupInputSchema,
    output: CreatedBackupSchema,
  },
  'backup.list': {
    access: ADMINS,
    summary: 'Backups in a folder (default: the configured one) and in the data folder, with their manifests.',
    input: z.strictObject({ folder: folderPathText(vi.fields.backupFolder).optional() }),
    output: BackupListSchema,
  },
  'backup.verify': {
    access: ADMINS,
    summary: 'Check the current store: SQLite integrity_check and the audit hash chain.',
    input: noInput,
    output: StoreCheckSchema,
  },
  'backup.preview': {
    access: ADMINS,
    summary: 'Re-verify a backup file and show what restoring it would replace.',
    input: RestoreInputSchema,
    output: RestorePreviewSchema,
  },
  'backup.restore': {
    access: ADMINS,
    summary: 'Close the store, keep the current data as a backup, restore the file, reopen.',
    input: RestoreInputSchema,
    output: RestoreOutcomeSchema,
  },
  'recovery.status': {
    // Recovery runs before sign-in (the users table is in the damaged store); in normal mode
    // recovery.* refuses, so 'public' never lets anyone overwrite healthy data.
    access: 'public',
    summary: 'Whether the store is damaged, why, and the good backups to restore from.',
    input: noInput,
    output: RecoveryStatusSchema,
  },
  'recovery.restore': {
    access: 'public',
    summary: 'Damaged store only: restore one of the offered backups and open the app normally.',
    input: RestoreInputSchema,
    output: RestoreOutcomeSchema,
  },
} as const satisfies Record<string, ChannelDef>;
