import { z } from 'zod';
import type { ChannelDef } from './channel-def';
import { ADMINS, ALL } from './access';
import { noInput } from './common.schema';
import {
  HistoryInputSchema,
  PrintedDocumentSchema,
  PrinterListSchema,
  PrintInputSchema,
  PrintSettingsSchema,
  ReprintInputSchema,
  RenderInputSchema,
  SaveInputSchema,
} from './documents.schema';

export const documentsChannels = {
  'documents.render': {
    access: ALL,
    summary: 'Preview a form (dossier form, intake notice or book) without storing anything: the issued copy when one shows the same content, else status "preview" (memory only).',
    input: RenderInputSchema,
    output: PrintedDocumentSchema,
  },
  'documents.save': {
    access: ALL,
    summary: 'Issue a form without printing: stored once (status "saved"); the same content again returns that copy.',
    input: SaveInputSchema,
    output: PrintedDocumentSchema,
  },
  'documents.print': {
    access: ALL,
    summary: 'Issue (store once) and send to a printer; an already issued copy of the same content is reprinted instead. A dead printer keeps the document with status "failed".',
    input: PrintInputSchema,
    output: PrintedDocumentSchema,
  },
  'documents.reprint': {
    access: ALL,
    summary: 'Send the stored bytes of an earlier document to a printer again (never re-rendered).',
    input: ReprintInputSchema,
    output: PrintedDocumentSchema,
  },
  'documents.history': {
    access: ALL,
    summary: 'Every document rendered or printed for a dossier (or notice, or book range), newest first.',
    input: HistoryInputSchema,
    output: z.array(PrintedDocumentSchema),
  },
  'printers.list': {
    access: ALL,
    summary: 'Printers the printing system knows, with the adapter in use.',
    input: noInput,
    output: PrinterListSchema,
  },
  'printers.getSettings': {
    access: ALL,
    summary: 'Default printer, copies and paper per form.',
    input: noInput,
    output: PrintSettingsSchema,
  },
  'printers.saveSettings': {
    access: ADMINS,
    summary: 'Save the default printer, copies and paper per form.',
    input: PrintSettingsSchema,
    output: PrintSettingsSchema,
  },
} as const satisfies Record<string, ChannelDef>;
