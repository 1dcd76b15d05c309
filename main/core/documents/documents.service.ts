import type { documentsChannels } from '../../../shared/contract/documents.channels';
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract/channels';
import {
  PrintSettingsSchema,
  type DocumentFormKind,
  type Paper,
  type PrintedDocument,
  type PrintSettings,
} from '../../../shared/contract/documents.schema';
import type { IntakeNotice } from '../../../shared/contract/intake.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { limitText } from '../../../shared/domain/deadline';
import { AppError, isAppError } from '../../../shared/errors';
import { findDossierByCode, findIntakeNotice } from '../../store/dossiers.repository';
import {
  findPrintedDocument,
  insertPrintedDocument,
  listPrintedDocuments,
  updatePrintOutcome,
  type PrintedDocumentRow,
  type PrintedDocumentWithFile,
} from '../../store/printed-documents.repository';
import { readSetting, writeSetting } from '../../store/settings.repository';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { readFileBytes, storeFile } from '../files/files.service';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { readDossier, requireDossier } from '../intake/dossiers.service';
import { requireProcedureInForce } from '../intake/catalogue.service';
import { toApplicant } from '../intake/applicants.service';
import { findApplicantById } from '../../store/applicants.repository';
import type { PrinterInfo } from '../ports/printer';
import { requireUnitProfile } from '../unit/unit.service';
import { bookRows, formForDossier, formForNotice, formUnit, noticeReference } from './dossier-forms';
import type { FormKind } from './form-data';
import { formName, renderForm } from './render-form';

/**
 * Documents and printing (issue 4). Every rendered document is stored (bytes in `files`, one
 * `printed_documents` row) BEFORE it goes to a printer, so a dead printer never loses a receipt:
 * the row is marked 'failed' with the clerk-facing message and can be reprinted from the stored
 * bytes. A reprint sends those exact bytes again; nothing is ever re-rendered behind the clerk's back.
 */

export const SETTINGS_KEY = 'printing.forms';
const BOOK_MAX_ROWS = 5000;

type Target = ParsedInput<'documents.render'>['target'];

interface Built {
  kind: FormKind;
  subject: string;
  dossierId: string | null;
  noticeId: string | null;
  fileStem: string;
  title: string;
  bytes: Buffer;
  paper: Paper;
  pages: number;
}

/** Pages of a pdfkit PDF: pdfkit writes one uncompressed "/Type /Page" dictionary per page. */
export function countPdfPages(pdf: Buffer): number {
  const m = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return m ? m.length : 0;
}

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
    await appendAudit(trx, deps.clock, { actor: ctx.actor, action: 'printing.settings', entity: 'setting', entityId: SETTINGS_KEY, before: before ?? null, after: input });
  });
  deps.events.emit('data.changed', { entity: 'setting', id: SETTINGS_KEY });
  return input;
}

async function build(deps: CoreDeps, target: Target, paperOverride: Paper | undefined, settings: PrintSettings): Promise<Built> {
  const unit = await requireUnitProfile(deps);
  const nowLocal = utcToVietnamLocal(deps.clock.now().toISOString());
  let kind: FormKind;
  let data: unknown;
  let subject: string;
  let dossierId: string | null = null;
  let noticeId: string | null = null;
  let ref: string;
  if (target.kind === 'dossier') {
    const dossier = await readDossier(deps.db, await requireDossier(deps.db, target.code));
    const form = await formForDossier(deps.db, target.form, dossier, unit, nowLocal);
    kind = form.kind;
    data = form.data;
    subject = dossier.code;
    dossierId = dossier.id;
    ref = dossier.code;
  } else if (target.kind === 'notice') {
    const row = await findIntakeNotice(deps.db, target.id);
    if (!row) {
      const message = `Không tìm thấy phiếu yêu cầu bổ sung hoặc từ chối có mã ${target.id}.`;
      throw new AppError('not_found', message, { issues: [{ path: 'target.id', message }] });
    }
    const applicant = await findApplicantById(deps.db, row.applicant_id);
    if (!applicant) throw new AppError('internal', `applicant ${row.applicant_id} of notice ${row.id} is missing`);
    const notice: IntakeNotice = {
      id: row.id,
      kind: row.kind as IntakeNotice['kind'],
      procedureCode: row.procedure_code,
      procedureName: row.procedure_name,
      applicant: toApplicant(applicant),
      missing: JSON.parse(row.missing_json) as string[],
      reason: row.reason,
      officer: row.officer,
      at: row.at,
    };
    const p = await requireProcedureInForce(deps.db, notice.procedureCode, utcToVietnamLocal(notice.at).slice(0, 10)).catch(() => null);
    const form = await formForNotice(notice, unit, p ? { code: p.code, name: p.name, field: p.field, limitText: limitText(p.limit), components: p.components } : null);
    kind = form.kind;
    data = form.data;
    subject = notice.id;
    noticeId = notice.id;
    ref = noticeReference(notice.id);
  } else {
    const book = await bookRows(deps.db, target.from, target.to, BOOK_MAX_ROWS);
    kind = '07';
    data = { unit: formUnit(unit), book: { number: book.number, from: target.from, to: target.to, printedOn: nowLocal.slice(0, 10), rows: book.rows } };
    subject = `book:${target.from}..${target.to}`;
    ref = `${target.from}_${target.to}`;
  }
  // A5 is a receipt layout; the other forms keep the paper their template asks for.
  const paper: Paper = kind === '01' ? (paperOverride ?? settings.forms['01'].paper) : 'A4';
  const bytes = await renderForm(kind, data as never, { paper });
  const name = formName(kind);
  return {
    kind,
    subject,
    dossierId,
    noticeId,
    fileStem: `Mau${kind}-${ref}`,
    title: `Mẫu ${kind} - ${name} - ${ref}`,
    bytes,
    paper,
    pages: countPdfPages(bytes),
  };
}

function toContract(row: PrintedDocumentWithFile): PrintedDocument {
  return {
    id: row.id,
    subject: row.subject,
    dossierId: row.dossier_id,
    noticeId: row.notice_id,
    formKind: row.form_kind as DocumentFormKind,
    formName: formName(row.form_kind as FormKind),
    fileId: row.file_id,
    fileName: row.file_name,
    size: Number(row.file_size),
    sha256: row.file_sha256,
    pages: Number(row.pages),
    paper: row.paper as Paper,
    printer: row.printer,
    copies: Number(row.copies),
    status: row.status as PrintedDocument['status'],
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    jobId: row.job_id,
    reprintOf: row.reprint_of,
    actor: row.actor,
    at: row.at,
  };
}

async function readBack(deps: CoreDeps, id: string): Promise<PrintedDocument> {
  const row = await findPrintedDocument(deps.db, id);
  if (!row) throw new AppError('internal', `printed document ${id} vanished`);
  return toContract(row);
}

/** Render and store; returns the stored row (status 'saved', or the caller's pending print). */
async function renderAndStore(deps: CoreDeps, ctx: CallContext, built: Built, printing: { printer: string | null; copies: number }): Promise<string> {
  const at = deps.clock.now().toISOString();
  const id = documentId();
  await deps.db.transaction().execute(async (trx) => {
    const file = await storeFile(trx, { kind: 'form', mime: 'application/pdf', name: `${built.fileStem}.pdf`, bytes: built.bytes, createdBy: ctx.actor, at });
    const row: PrintedDocumentRow = {
      id,
      dossier_id: built.dossierId,
      notice_id: built.noticeId,
      subject: built.subject,
      form_kind: built.kind,
      file_id: file.id,
      pages: built.pages,
      paper: built.paper,
      printer: printing.printer,
      copies: printing.copies,
      status: 'saved',
      error_code: null,
      error_message: null,
      job_id: null,
      reprint_of: null,
      actor: ctx.actor,
      at,
    };
    await insertPrintedDocument(trx, row);
    await appendAudit(trx, deps.clock, {
      actor: ctx.actor,
      action: 'document.render',
      entity: 'printed_document',
      entityId: id,
      before: null,
      after: { subject: built.subject, form: built.kind, file: file.id, sha256: file.sha256, pages: built.pages, paper: built.paper },
    });
  });
  return id;
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
    await appendAudit(trx, deps.clock, {
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

export async function renderDocument(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'documents.render'>): Promise<PrintedDocument> {
  const settings = await loadPrintSettings(deps);
  const built = await build(deps, input.target, input.paper, settings);
  const id = await renderAndStore(deps, ctx, built, { printer: null, copies: 0 });
  notifyChanged(deps, built);
  return readBack(deps, id);
}

export async function printDocument(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'documents.print'>): Promise<PrintedDocument> {
  const settings = await loadPrintSettings(deps);
  const built = await build(deps, input.target, input.paper, settings);
  const s = settings.forms[built.kind];
  const copies = input.copies ?? s.copies;
  const wanted = input.printer || s.printer;
  const id = await renderAndStore(deps, ctx, built, { printer: wanted ?? null, copies });
  const result = await sendToPrinter(deps, ctx, id, built.bytes, { printer: wanted, copies, paper: built.paper, title: built.title });
  notifyChanged(deps, built);
  return result;
}

export async function reprintDocument(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'documents.reprint'>): Promise<PrintedDocument> {
  const original = await findPrintedDocument(deps.db, input.documentId);
  if (!original) {
    const message = 'Không tìm thấy tài liệu đã in để in lại (có thể mã tài liệu đã sai).';
    throw new AppError('not_found', message, { issues: [{ path: 'documentId', message }] });
  }
  const file = await readFileBytes(deps.db, original.file_id);
  if (!file) throw new AppError('internal', `file ${original.file_id} of printed document ${original.id} is missing`);
  const settings = await loadPrintSettings(deps);
  const kind = original.form_kind as FormKind;
  const wanted = input.printer || original.printer || settings.forms[kind].printer;
  const copies = input.copies ?? (original.copies > 0 ? original.copies : settings.forms[kind].copies);
  const title = `Mẫu ${kind} - ${formName(kind)} - ${original.subject}`;
  if (original.status === 'saved' && original.reprint_of === null) {
    // Printing what the clerk just previewed is its first print, not a reprint: the row itself becomes the print.
    await deps.db.updateTable('printed_documents').set({ printer: wanted ?? null, copies }).where('id', '=', original.id).execute();
    const result = await sendToPrinter(deps, ctx, original.id, file.bytes, { printer: wanted, copies, paper: original.paper as Paper, title });
    deps.events.emit('data.changed', { entity: 'printed_document', id: original.subject });
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
      actor: ctx.actor,
      at,
    });
    await appendAudit(trx, deps.clock, {
      actor: ctx.actor,
      action: 'document.reprint',
      entity: 'printed_document',
      entityId: id,
      before: null,
      after: { of: original.id, file: original.file_id, sha256: file.meta.sha256 },
    });
  });
  const result = await sendToPrinter(deps, ctx, id, file.bytes, { printer: wanted, copies, paper: original.paper as Paper, title: `${title} (in lại)` });
  deps.events.emit('data.changed', { entity: 'printed_document', id: original.subject });
  return result;
}

export async function documentHistory(deps: CoreDeps, input: ParsedInput<'documents.history'>): Promise<PrintedDocument[]> {
  const dossier = await findDossierByCode(deps.db, input.subject.trim().toUpperCase());
  const rows = await listPrintedDocuments(deps.db, dossier ? { dossierId: dossier.id } : { subject: input.subject.trim() }, input.limit);
  return rows.map(toContract);
}

function notifyChanged(deps: CoreDeps, built: Built): void {
  deps.events.emit('data.changed', { entity: 'printed_document', id: built.subject });
}

export function documentHandlers(
  deps: CoreDeps,
): HandlerMap<ChannelsOf<typeof documentsChannels>> {
  return {
    'documents.render': (input, ctx) => renderDocument(deps, ctx, input),
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
