import { z } from 'zod';
import type { ChannelDef } from './channel-def';
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
    summary: 'Render a form (dossier form, intake notice or book) and store its exact bytes; status "saved".',
    input: RenderInputSchema,
    output: PrintedDocumentSchema,
  },
  'documents.print': {
    summary: 'Render, store and send to a printer; a dead printer keeps the document with status "failed".',
    input: PrintInputSchema,
    output: PrintedDocumentSchema,
  },
  'documents.reprint': {
    summary: 'Send the stored bytes of an earlier document to a printer again (never re-rendered).',
    input: ReprintInputSchema,
    output: PrintedDocumentSchema,
  },
  'documents.history': {
    summary: 'Every document rendered or printed for a dossier (or notice, or book range), newest first.',
    input: HistoryInputSchema,
    output: z.array(PrintedDocumentSchema),
  },
  'printers.list': {
    summary: 'Printers the printing system knows, with the adapter in use.',
    input: noInput,
    output: PrinterListSchema,
  },
  'printers.getSettings': {
    summary: 'Default printer, copies and paper per form.',
    input: noInput,
    output: PrintSettingsSchema,
  },
  'printers.saveSettings': {
    summary: 'Save the default printer, copies and paper per form.',
    input: PrintSettingsSchema,
    output: PrintSettingsSchema,
  },
} as const satisfies Record<string, ChannelDef>;
