/** How a stored document row and an in-memory preview read in the contract (PrintedDocument). */
import type { DocumentFormKind, Paper, PrintedDocument } from '../../../shared/contract/documents.schema';
import type { PrintedDocumentWithFile } from '../../store/printed-documents.repository';
import type { CallContext } from '../context';
import type { FormKind } from './form-data';
import type { Preview } from './previews';
import { formName } from './render-form';

export function toContract(row: PrintedDocumentWithFile): PrintedDocument {
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
    officer: row.officer_name ?? row.actor,
    at: row.at,
  };
}

export function previewContract(p: Preview, ctx: CallContext): PrintedDocument {
  const { prepared } = p;
  return {
    id: p.id,
    subject: prepared.subject,
    dossierId: prepared.dossierId,
    noticeId: prepared.noticeId,
    formKind: prepared.kind as DocumentFormKind,
    formName: formName(prepared.kind),
    fileId: p.id,
    fileName: `${prepared.fileStem}.pdf`,
    size: p.bytes.length,
    sha256: '',
    pages: p.pages,
    paper: prepared.paper,
    printer: null,
    copies: 0,
    status: 'preview',
    error: null,
    jobId: null,
    reprintOf: null,
    actor: ctx.actor,
    officer: ctx.user?.displayName ?? ctx.actor,
    at: p.at,
  };
}
