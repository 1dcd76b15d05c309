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
} from './documents.schema';

export const documentsChannels = {
  'documents.render': {
    access: ALL,
    summary: 'Render a form (dossier form, intake notice or book) and store its exact bytes; status "saved".',
    input: RenderInputSchema,
    output: PrintedDocumentSchema,
  },
  'documents.print': {
    access: ALL,
    summary: 'Render, store and send to a printer; a dead printer keeps the document with status "failed".',
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
