import type { ChannelDef } from './channel-def';
import { ADMINS, ALL } from './access';
import { noInput } from './common.schema';
import {
  BookExportInputSchema,
  ExportedFileSchema,
  ExportInputSchema,
  ImportInputSchema,
  ImportResultSchema,
  MonthlySchema,
  ReportRangeSchema,
  ReportSchema,
  ReportSettingsSchema,
  SearchInputSchema,
  SearchOutputSchema,
} from './reports.schema';

export const reportsChannels = {
  'dossiers.search': {
    access: ALL,
    summary: 'Search dossiers by code, applicant name (diacritics-insensitive), CCCD or phone, with filters, sorting and pages.',
    input: SearchInputSchema,
    output: SearchOutputSchema,
  },
  'dossiers.import': {
    access: ADMINS,
    summary: 'Import past dossiers from a CSV or XLSX file (base64); bad rows reported by line number.',
    input: ImportInputSchema,
    output: ImportResultSchema,
  },
  'reports.run': {
    access: ALL,
    summary: 'Table 06a per field, totals, summary sentence and QĐ 766 indicators for a date range.',
    input: ReportRangeSchema,
    output: ReportSchema,
  },
  'reports.monthly': {
    access: ALL,
    summary: 'Received per month by field and on-time share per month, for charts.',
    input: ReportRangeSchema,
    output: MonthlySchema,
  },
  'reports.export': {
    access: ALL,
    summary: 'Table 06a as XLSX or PDF, stored as a file (download by id).',
    input: ExportInputSchema,
    output: ExportedFileSchema,
  },
  'reports.exportBook': {
    access: ALL,
    summary: 'The tracking book (Mẫu 07) of dossiers received in a range, as XLSX.',
    input: BookExportInputSchema,
    output: ExportedFileSchema,
  },
  'reports.settings': {
    access: ALL,
    summary: 'Report settings (early / on time rule).',
    input: noInput,
    output: ReportSettingsSchema,
  },
  'reports.saveSettings': {
    access: ADMINS,
    summary: 'Change the report settings (admin).',
    input: ReportSettingsSchema,
    output: ReportSettingsSchema,
  },
} as const satisfies Record<string, ChannelDef>;
