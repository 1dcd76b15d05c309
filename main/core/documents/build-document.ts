/**
 * Gathering what a form shows (a dossier's form, an intake notice, the book) and drawing it. Split in
 * two so a preview or a print can first compute the content key (a hash of exactly what the form
 * shows) and reuse an already issued copy without drawing anything again.
 */
import { createHash } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { Paper, PrintSettings } from '../../../shared/contract/documents.schema';
import type { IntakeNotice } from '../../../shared/contract/intake.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { limitText } from '../../../shared/domain/deadline';
import { AppError } from '../../../shared/errors';
import { findApplicantById } from '../../store/applicants.repository';
import { findIntakeNotice } from '../../store/dossiers.repository';
import type { CoreDeps } from '../context';
import { toApplicant } from '../intake/applicants.service';
import { requireProcedureInForce } from '../intake/catalogue.service';
import { readDossier, requireDossier } from '../intake/dossiers.service';
import { requireUnitProfile } from '../unit/unit.service';
import { bookRows } from './book-rows';
import { formForDossier, formForNotice, formUnit, noticeReference } from './dossier-forms';
import type { FormKind } from './form-data';
import { formName, renderForm } from './render-form';

const BOOK_MAX_ROWS = 5000;

export type Target = ParsedInput<'documents.render'>['target'];

/** A form ready to draw: what it shows, for whom, and the key that identifies that content. */
export interface Prepared {
  kind: FormKind;
  subject: string;
  dossierId: string | null;
  noticeId: string | null;
  fileStem: string;
  title: string;
  paper: Paper;
  data: unknown;
  /** sha256 of (form, paper, data): equal keys draw the same document, so an issued copy is reused. */
  contentKey: string;
}

export interface Drawn {
  bytes: Buffer;
  pages: number;
}

/** Pages of a pdfkit PDF: pdfkit writes one uncompressed "/Type /Page" dictionary per page. */
export function countPdfPages(pdf: Buffer): number {
  const m = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return m ? m.length : 0;
}

export async function prepareForm(deps: CoreDeps, target: Target, paperOverride: Paper | undefined, settings: PrintSettings): Promise<Prepared> {
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
  const contentKey = createHash('sha256').update(JSON.stringify({ kind, paper, data })).digest('hex');
  return { kind, subject, dossierId, noticeId, fileStem: `Mau${kind}-${ref}`, title: `Mẫu ${kind} - ${formName(kind)} - ${ref}`, paper, data, contentKey };
}

export async function drawForm(deps: Pick<CoreDeps, 'formRenderer'>, p: Prepared): Promise<Drawn> {
  const bytes = deps.formRenderer ? await deps.formRenderer.render(p.kind, p.data as never, { paper: p.paper }) : await renderForm(p.kind, p.data as never, { paper: p.paper });
  return { bytes, pages: countPdfPages(bytes) };
}
