import { z } from 'zod';
import type { ChannelDef } from './channel-def';
import { ADMINS, ALL } from './access';
import { noInput, requiredText } from './common.schema';
import {
  DossierScanSchema,
  InboxFileSchema,
  InboxTakeSchema,
  ScanArrangeSchema,
  ScanAttachResultSchema,
  ScanAttachSchema,
  ScanBatchSchema,
  ScanDetachSchema,
  ScanImportSchema,
  ScannerDeviceSchema,
  ScanProfileInfoSchema,
  ScanSettingsSchema,
  ScanSettingsViewSchema,
  ScanStartSchema,
} from './scans.schema';

const batchRef = z.strictObject({ batchId: z.string().min(1).max(80) });

/** Digitization ("số hóa"): devices, scan jobs, pending batches, attach to a dossier component. */
export const digitizeChannels = {
  'scans.devices': {
    access: ALL,
    summary: 'Scanners the desk can reach (SANE / WIA), real ones first with friendly names; the backend; the one to pick (the last that delivered a page).',
    input: noInput,
    output: z.strictObject({ backend: z.string(), devices: z.array(ScannerDeviceSchema), preferred: z.string().nullable() }),
  },
  'scans.profiles': {
    access: ALL,
    summary: 'Scan profiles per kind of paper, with their dpi and colour mode.',
    input: noInput,
    output: z.array(ScanProfileInfoSchema),
  },
  'scans.start': {
    access: ALL,
    summary: 'Start scanning into a pending batch for a dossier component; returns at once (progress as job.progress).',
    input: ScanStartSchema,
    output: z.strictObject({ jobId: z.string(), batchId: z.string() }),
  },
  'scans.cancel': {
    access: ALL,
    summary: 'Stop a running scan; pages already scanned stay in the batch.',
    input: z.strictObject({ jobId: z.string().min(1).max(80) }),
    output: z.strictObject({ cancelled: z.boolean() }),
  },
  'scans.batch': {
    access: ALL,
    summary: 'A pending batch: its pages (thumbnails), flags and the state of its scan.',
    input: batchRef,
    output: ScanBatchSchema,
  },
  'scans.import': {
    access: ALL,
    summary: 'Add a file (PDF, JPEG, PNG, TIFF; base64) to a pending batch.',
    input: ScanImportSchema,
    output: ScanBatchSchema,
  },
  'scans.arrange': {
    access: ALL,
    summary: 'Reorder, rotate and delete pages of a pending batch.',
    input: ScanArrangeSchema,
    output: ScanBatchSchema,
  },
  'scans.discard': {
    access: ALL,
    summary: 'Throw a pending batch away.',
    input: batchRef,
    output: z.strictObject({ discarded: z.boolean() }),
  },
  'scans.attach': {
    access: ALL,
    summary: 'Make the batch ONE PDF and store it with its link to the component, atomically.',
    input: ScanAttachSchema,
    output: ScanAttachResultSchema,
  },
  'scans.list': {
    access: ALL,
    summary: "A dossier's stored scans (components and result), detached ones included.",
    input: z.strictObject({ dossierCode: requiredText(40) }),
    output: z.array(DossierScanSchema),
  },
  'scans.detach': {
    access: ALL,
    summary: 'Detach a stored scan from its component (kept for the record, counters updated).',
    input: ScanDetachSchema,
    output: DossierScanSchema,
  },
  'scans.settings': {
    access: ALL,
    summary: 'Scanner backend and scan-to-folder settings.',
    input: noInput,
    output: ScanSettingsViewSchema,
  },
  'scans.saveSettings': {
    access: ADMINS,
    summary: 'Save scanner settings; the folder watcher restarts at once, the backend at the next start.',
    input: ScanSettingsSchema,
    output: ScanSettingsViewSchema,
  },
  'scans.inbox': {
    access: ALL,
    summary: 'Files a scan-to-folder device dropped, waiting to be given to a dossier.',
    input: noInput,
    output: z.array(InboxFileSchema),
  },
  'scans.takeInbox': {
    access: ALL,
    summary: 'Move a scan-to-folder file into a pending batch of a dossier component.',
    input: InboxTakeSchema,
    output: ScanBatchSchema,
  },
} as const satisfies Record<string, ChannelDef>;
