import type { documentsChannels } from '../../../shared/contract/documents.channels';
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract/channels';
import { PrintSettingsSchema, type Paper, type PrintedDocument, type PrintSettings } from '../../../shared/contract/documents.schema';
import { AppError, isAppError } from '../../../shared/errors';
import { findDossierByCode } from '../../store/dossiers.repository';
import {
  findIssuedOriginal,
  findPrintedDocument,
  insertPrintedDocument,
  listPrintedDocuments,
  markFirstPrint,
  updatePrintOutcome,
  type PrintedDocumentRow,
  type PrintedDocumentWithFile,
} from '../../store/printed-documents.repository';
import { readSetting, writeSetting } from '../../store/settings.repository';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { readFileBytes, storeFile } from '../files/files.service';
import type { ChannelsOf, HandlerMap } from '../handlers';
import type { PrinterInfo } from '../ports/printer';
import { drawForm, prepareForm, type Drawn, type Prepared } from './build-document';
import type { FormKind } from './form-data';
import { previewContract, toContract } from './document-views';
import { previewsOf } from './previews';
import { formName } from './render-form';

export { countPdfPages } from './build-document';

/**
 * Documents and printing (issues 4 and 14). Looking never writes: a preview is drawn in memory
 * (previews.ts). A document is stored once, when it is issued (its first print or an explicit
 * save): bytes in `files`, one `printed_documents` row, keyed by the hash of what it shows. Printing
 * the same content again is a reprint of that stored copy (one more row, same file), so the code,
 * dates and QR on paper never change. A dead printer never loses a document: the row is marked
 * 'failed' with the clerk-facing message and can be reprinted or saved as PDF.
 */

export const SETTINGS_KEY = 'printing.forms';

// Ids sort by creation: history lists newest first even for rows written in the same millisecond.
let idSeq = 0;
function documentId(): string {
  idSeq = (idSeq + 1) % 1_000_000;
  return `${Date.now().toString(36).padStart(9, '0')}-${idSeq.toString(36).padStart(4, '0')}-${randomUUID().slice(0, 8)}`;
}

export async function loadPrintSettings(deps: CoreDeps): Promise<PrintSettings> {
  const raw = await readSetting(deps.db, SETTINGS_KEY);
  const parsed = PrintSettingsSchema.safeParse(raw ?? { forms: {} });
  if (parsed.success) return parsed.data;
  deps.logger.warn('print settings unreadable, using defaults', { issues: parsed.error.issues.length });
  return PrintSettingsSchema.parse({ forms: {} });
}

async function savePrintSettings(deps: CoreDeps, ctx: CallContext, input: PrintSettings): Promise<PrintSettings> {
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await readSetting(trx, SETTINGS_KEY);
    await writeSetting(trx, SETTINGS_KEY, input, at);
    await appendAudit(trx, deps, { actor: ctx.actor, action: 'printing.settings', entity: 'setting', entityId: SETTINGS_KEY, before: before ?? null, after: input });
  });
  deps.events.emit('data.changed', { entity: 'setting', id: SETTINGS_KEY });
  return input;
}

async function readBack(deps: CoreDeps, id: string): Promise<PrintedDocument> {
  const row = await findPrintedDocument(deps.db, id);
  if (!row) throw new AppError('internal', `printed document ${id} vanished`);
  return toContract(row);
}

// Issuing the same content twice at once (a repeated key, two tabs) must still store it once.
const issuing = new Map<string, Promise<unknown>>();
function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = issuing.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.catch(() => undefined);
  issuing.set(key, tail);
  void tail.then(() => {
    if (issuing.get(key) === tail) issuing.delete(key);
  });
  return run;
}

interface Issued {
  row: PrintedDocumentWithFile;
  /** Set when this call stored the document (then these are its bytes). */
  created: Drawn | null;
}

/** The stored copy of this content: found, or drawn (or taken from the preview) and stored once. */
const issueKey = (p: Prepared) => `${p.subject}\u0000${p.kind}\u0000${p.contentKey}`;

/** Callers hold serialized(issueKey(p)) around this and whatever they do with the copy right after. */
async function issue(deps: CoreDeps, ctx: CallContext, p: Prepared, previewId: string | undefined, printing: { printer: string | null; copies: number }): Promise<Issued> {
  const existing = await findIssuedOriginal(deps.db, p.subject, p.kind, p.contentKey);
  if (existing) return { row: existing, created: null };
  const drawn = previewsOf(deps).take(previewId, p.contentKey, deps.clock.now().getTime()) ?? (await drawForm(deps, p));
  const at = deps.clock.now().toISOString();
  const id = documentId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const file = await storeFile(trx, { kind: 'form', mime: 'application/pdf', name: `${p.fileStem}.pdf`, bytes: drawn.bytes, createdBy: ctx.actor, at });
      await insertPrintedDocument(trx, {
        id,
        dossier_id: p.dossierId,
        notice_id: p.noticeId,
        subject: p.subject,
        form_kind: p.kind,
        file_id: file.id,
        pages: drawn.pages,
        paper: p.paper,
        printer: printing.printer,
        copies: printing.copies,
        status: 'saved',
        error_code: null,
        error_message: null,
        job_id: null,
        reprint_of: null,
        content_key: p.contentKey,
        actor: ctx.actor,
        at,
      });
      await appendAudit(trx, deps, {
        actor: ctx.actor,
        action: 'document.issue',
        entity: 'printed_document',
        entityId: id,
        before: null,
        after: { subject: p.subject, form: p.kind, file: file.id, sha256: file.sha256, pages: drawn.pages, paper: p.paper },
      });
    });
  } catch (e) {
    // Another desk issued the same content a moment ago (unique index): that copy is the document.
    const raced = await findIssuedOriginal(deps.db, p.subject, p.kind, p.contentKey);
    if (raced) return { row: raced, created: null };
    throw e;
  }
  const row = await findPrintedDocument(deps.db, id);
  if (!row) throw new AppError('internal', `printed document ${id} vanished`);
  return { row, created: drawn };
}

async function choosePrinter(deps: CoreDeps, wanted: string | null | undefined): Promise<string> {
  if (wanted) return wanted;
  let printers: PrinterInfo[];
  try {
    printers = await deps.printer.list();
  } catch (e) {
    if (isAppError(e)) throw e;
    throw new AppError('device_unavailable', 'Không hỏi được danh sách máy in của máy tính này. Tài liệu đã được lưu, có thể in lại sau.', { cause: e });
  }
  const chosen = printers.find((p) => p.isDefault) ?? printers[0];
  if (!chosen) {
    throw new AppError(
      'device_unavailable',
      'Máy tính này chưa có máy in nào. Tài liệu đã được lưu; hãy cài máy in (hoặc chọn "Lưu thành tệp PDF" trong Cài đặt in) rồi in lại.',
    );
  }
  return chosen.name;
}

/** Send stored bytes to a printer and record the outcome on the row. Printer trouble is an outcome, not a throw. */
async function sendToPrinter(
  deps: CoreDeps,
  ctx: CallContext,
  id: string,
  bytes: Buffer,
  opts: { printer: string | null | undefined; copies: number; paper: Paper; title: string },
): Promise<PrintedDocument> {
  let printer: string | null = opts.printer ?? null;
  let outcome: Pick<PrintedDocumentRow, 'status' | 'printer' | 'job_id' | 'error_code' | 'error_message'>;
  try {
    printer = await choosePrinter(deps, opts.printer);
    const job = await deps.printer.print(bytes, { printer, copies: opts.copies, paper: opts.paper, title: opts.title });
    outcome = { status: 'printed', printer: job.printer, job_id: job.jobId, error_code: null, error_message: null };
    deps.logger.info('document printed', { id, printer: job.printer, jobId: job.jobId, copies: opts.copies });
  } catch (e) {
    const err = isAppError(e)
      ? e
      : new AppError('device_unavailable', `Không gửi được lệnh in tới máy in${printer ? ` "${printer}"` : ''}. Tài liệu đã được lưu, có thể in lại sau.`);
    if (!isAppError(e)) deps.logger.error('print failed unexpectedly', { id, error: String((e as Error)?.stack ?? e) });
    else deps.logger.warn('print failed', { id, printer, code: err.code, message: err.message });
    outcome = { status: 'failed', printer, job_id: null, error_code: err.code, error_message: err.message };
  }
  await deps.db.transaction().execute(async (trx) => {
    await updatePrintOutcome(trx, id, outcome);
    await appendAudit(trx, deps, {
      actor: ctx.actor,
      action: outcome.status === 'printed' ? 'document.print' : 'document.printFailed',
      entity: 'printed_document',
      entityId: id,
      before: null,
      after: { printer: outcome.printer, copies: opts.copies, jobId: outcome.job_id, error: outcome.error_message },
    });
  });
  return readBack(deps, id);
}

function notifyChanged(deps: CoreDeps, subject: string): void {
  deps.events.emit('data.changed', { entity: 'printed_document', id: subject });
}

/** Preview: the issued copy when one shows this content, else a drawing in memory. Never writes. */
export async function renderDocument(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'documents.render'>): Promise<PrintedDocument> {
  const p = await prepareForm(deps, input.target, input.paper, await loadPrintSettings(deps));
  const existing = await findIssuedOriginal(deps.db, p.subject, p.kind, p.contentKey);
  if (existing) return toContract(existing);
  const now = deps.clock.now();
  const preview = previewsOf(deps).put(p, await drawForm(deps, p), now.toISOString(), now.getTime());
  return previewContract(preview, ctx);
}

/** Explicit save ("Lưu"): issue without printing; saving the same content again returns the stored copy. */
export async function saveDocument(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'documents.save'>): Promise<PrintedDocument> {
  const p = await prepareForm(deps, input.target, input.paper, await loadPrintSettings(deps));
  const { row, created } = await serialized(issueKey(p), () => issue(deps, ctx, p, input.previewId, { printer: null, copies: 0 }));
  if (created) notifyChanged(deps, p.subject);
  return toContract(row);
}

export async function printDocument(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'documents.print'>): Promise<PrintedDocument> {
  const settings = await loadPrintSettings(deps);
  const p = await prepareForm(deps, input.target, input.paper, settings);
  const s = settings.forms[p.kind];
  const copies = input.copies ?? s.copies;
  const wanted = input.printer || s.printer;
  // Issue and first print under one lock: a print racing this one then finds a printed original and reprints it.
  return serialized(issueKey(p), async () => {
    const { row, created } = await issue(deps, ctx, p, input.previewId, { printer: wanted ?? null, copies });
    if (!created) return printStored(deps, ctx, row, { printer: input.printer, copies: input.copies });
    const result = await sendToPrinter(deps, ctx, row.id, created.bytes, { printer: wanted, copies, paper: p.paper, title: p.title });
    notifyChanged(deps, p.subject);
    return result;
  });
}

export async function reprintDocument(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'documents.reprint'>): Promise<PrintedDocument> {
  const original = await findPrintedDocument(deps.db, input.documentId);
  if (!original) {
    const message = 'Không tìm thấy tài liệu đã in để in lại (có thể mã tài liệu đã sai).';
    throw new AppError('not_found', message, { issues: [{ path: 'documentId', message }] });
  }
  return printStored(deps, ctx, original, input);
}

/**
 * Print a stored document's exact bytes. A copy saved but never printed gets its first print on its
 * own row; otherwise this is a reprint: one new row (time, officer, printer) pointing at the original.
 */
async function printStored(deps: CoreDeps, ctx: CallContext, original: PrintedDocumentWithFile, input: { printer?: string | null; copies?: number }): Promise<PrintedDocument> {
  const file = await readFileBytes(deps.db, original.file_id);
  if (!file) throw new AppError('internal', `file ${original.file_id} of printed document ${original.id} is missing`);
  const settings = await loadPrintSettings(deps);
  const kind = original.form_kind as FormKind;
  // Today's printer for this form, not the one that failed last time (the clerk may just have fixed the setting).
  const wanted = input.printer || settings.forms[kind].printer;
  const copies = input.copies ?? (original.copies > 0 ? original.copies : settings.forms[kind].copies);
  const title = `Mẫu ${kind} - ${formName(kind)} - ${original.subject}`;
  if (original.status === 'saved' && original.reprint_of === null) {
    // Its first print: the row now records when paper came out (the audit keeps when it was issued).
    const at = deps.clock.now().toISOString();
    await markFirstPrint(deps.db, original.id, { printer: wanted ?? null, copies, at });
    const result = await sendToPrinter(deps, ctx, original.id, file.bytes, { printer: wanted, copies, paper: original.paper as Paper, title });
    notifyChanged(deps, original.subject);
    return result;
  }
  const at = deps.clock.now().toISOString();
  const id = documentId();
  await deps.db.transaction().execute(async (trx) => {
    await insertPrintedDocument(trx, {
      id,
      dossier_id: original.dossier_id,
      notice_id: original.notice_id,
      subject: original.subject,
      form_kind: original.form_kind,
      file_id: original.file_id,
      pages: original.pages,
      paper: original.paper,
      printer: wanted ?? null,
      copies,
      status: 'saved',
      error_code: null,
      error_message: null,
      job_id: null,
      // Always point at the first rendering, so a chain of reprints stays one family.
      reprint_of: original.reprint_of ?? original.id,
      content_key: null,
      actor: ctx.actor,
      at,
    });
    await appendAudit(trx, deps, {
      actor: ctx.actor,
      action: 'document.reprint',
      entity: 'printed_document',
      entityId: id,
      before: null,
      after: { of: original.reprint_of ?? original.id, file: original.file_id, sha256: file.meta.sha256 },
    });
  });
  const result = await sendToPrinter(deps, ctx, id, file.bytes, { printer: wanted, copies, paper: original.paper as Paper, title: `${title} (in lại)` });
  notifyChanged(deps, original.subject);
  return result;
}

export async function documentHistory(deps: CoreDeps, input: ParsedInput<'documents.history'>): Promise<PrintedDocument[]> {
  const dossier = await findDossierByCode(deps.db, input.subject.trim().toUpperCase());
  const rows = await listPrintedDocuments(deps.db, dossier ? { dossierId: dossier.id } : { subject: input.subject.trim() }, input.limit);
  return rows.map(toContract);
}

/** Bytes of a preview for the files route (previews are never in the store). */
export function previewFile(deps: CoreDeps, id: string): { mime: string; name: string; bytes: Buffer } | undefined {
  const p = previewsOf(deps).get(id, deps.clock.now().getTime());
  return p ? { mime: 'application/pdf', name: `${p.prepared.fileStem}.pdf`, bytes: p.bytes } : undefined;
}

export function documentHandlers(
  deps: CoreDeps,
): HandlerMap<ChannelsOf<typeof documentsChannels>> {
  return {
    'documents.render': (input, ctx) => renderDocument(deps, ctx, input),
    'documents.save': (input, ctx) => saveDocument(deps, ctx, input),
    'documents.print': (input, ctx) => printDocument(deps, ctx, input),
    'documents.reprint': (input, ctx) => reprintDocument(deps, ctx, input),
    'documents.history': (input) => documentHistory(deps, input),
    'printers.list': async () => {
      try {
        const printers = await deps.printer.list();
        return { adapter: deps.printer.kind, printers: printers.map((p) => ({ ...p })), problem: null };
      } catch (e) {
        const message = isAppError(e) ? e.message : 'Không hỏi được danh sách máy in của máy tính này.';
        if (!isAppError(e)) deps.logger.error('printer list failed', { error: String(e) });
        return { adapter: deps.printer.kind, printers: [], problem: message };
      }
    },
    'printers.getSettings': () => loadPrintSettings(deps),
    'printers.saveSettings': (input, ctx) => savePrintSettings(deps, ctx, input),
  };
}
