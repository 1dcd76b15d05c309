import type { Kysely } from 'kysely';
import { COMPONENT_KIND_LABELS, type ComponentKind } from '../../../shared/contract/catalogue.schema';
import type { Dossier, IntakeNotice } from '../../../shared/contract/intake.schema';
import type { UnitProfile } from '../../../shared/contract/unit.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { unitSentenceName } from '../../../shared/domain/unit-name';
import { AppError } from '../../../shared/errors';
import type { Database, DossierEventsTable } from '../../store/schema';
import { isTechnicalActor, officerNames } from '../auth/officer-names';
import { controlRows } from './control-rows';
import { data, events, str, toLocal } from './event-data';
import type { ComponentLine, FormInput, FormPerson } from './form-data';

/**
 * Maps what the store knows (the contract's Dossier, the unit profile, intake notices and the
 * dossier's event log) onto the form renderer's input. Times reach the renderer as Vietnam local
 * 'YYYY-MM-DDTHH:mm'; the engine writes them in words.
 */

/** Item 6 of the receipt follows "Đăng ký nhận kết quả tại:", so the desk is named without a second "tại". */
export const RETURN_AT_DESK = 'Bộ phận tiếp nhận và trả kết quả';

export function formUnit(unit: UnitProfile): FormInput<'01'>['unit'] {
  return {
    parentAgency: unit.parentAgency,
    unitName: unit.unitName,
    place: unit.place,
    address: unit.address,
    phone: unit.phone,
    agencyCode: unit.agencyCode,
    displayName: unitSentenceName(unit.unitName),
  };
}

/** The officer as printed: the named one with their title from the unit's list, else the unit's first officer. */
function officer(unit: UnitProfile, name: string | null): FormPerson {
  // A technical actor ("cli", "desk") is never printed as the officer (issue 20 item 4).
  const person = name && !isTechnicalActor(name) ? name : null;
  const known = person ? unit.officers.find((o) => o.name === person) : unit.officers[0];
  return { name: person || known?.name || '……………', title: known?.title ?? '' };
}

function returnMethodText(d: Dossier, unit: UnitProfile): string {
  if (d.returnMethod === 'buu_chinh') {
    return d.applicant.address ? `địa chỉ ${d.applicant.address} (qua dịch vụ bưu chính)` : 'nhà (trụ sở tổ chức) qua dịch vụ bưu chính';
  }
  return unitSentenceName(unit.unitName) || RETURN_AT_DESK;
}

/**
 * Item 7 when nothing is collected with the dossier: "Không thu" only for a free procedure or an exempt
 * applicant; a fee the province sets (and the desk collects on its own receipt) is named as such.
 */
export function feeWording(d: Dossier): string {
  if (d.fee.amount > 0) return '';
  const rule = d.procedure.feeRule;
  if (rule.kind === 'free') return 'Không thu';
  if (/^Miễn/.test(d.fee.breakdown)) return 'Không thu (người nộp thuộc đối tượng được miễn)';
  if (rule.kind === 'provincial') return 'theo mức HĐND tỉnh quy định (thu theo biên lai riêng)';
  return 'theo mức quy định (thu theo biên lai riêng)';
}

/** The appointment the receipt gave: the due date before the first extension (a reprint shows what was issued). */
export function issuedDue(d: Dossier): string {
  const first = d.appointments.find((a) => a.kind === 'extension');
  return first?.previousDueLocal ?? d.dueLocal;
}

/** The number of the Mẫu 04 letter of an extension (recorded on the event, else the book line). */
export function apologyNumber(d: Dossier, eventData: Record<string, unknown>): string {
  return str(eventData.documentNumber) || `${d.bookLine}/PXL`;
}

/** The dossier part every form of a dossier shares; the receipt lists the papers actually received. */
export function formDossier(d: Dossier, unit: UnitProfile): FormInput<'01'>['dossier'] {
  return {
    code: d.code,
    procedure: { code: d.procedure.code, name: d.procedure.name, field: d.procedure.field, limitText: d.procedure.limitText },
    applicant: { name: d.applicant.fullName, idNumber: d.applicant.idNumber, address: d.applicant.address, phone: d.applicant.phone, email: d.applicant.email },
    components: d.components.filter((c) => c.received).map((c) => ({ name: c.name, kindLabel: c.kindLabel, count: c.countReceived })),
    setCount: d.setCount,
    receivedAt: d.receivedLocal,
    dueAt: d.dueLocal,
    returnMethod: returnMethodText(d, unit),
    fee: d.fee.amount,
    feeWording: feeWording(d),
    book: { number: d.bookNumber, line: d.bookLine },
    receivedBy: officer(unit, d.receivedBy),
  };
}

function lastMatching(rows: DossierEventsTable[], kinds: string[], statuses: string[]): DossierEventsTable | undefined {
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (kinds.includes(r.kind) || (r.to_status !== null && statuses.includes(r.to_status))) return r;
  }
  return undefined;
}

/** Tracking records the signer as free text ("KT. CHỦ TỊCH - PHÓ CHỦ TỊCH Nguyễn Văn A" or just a name); older data may hold {name, title}. */
function signerOf(v: unknown, fallback: string): FormPerson {
  if (typeof v === 'string' && v.trim()) return { name: v.trim(), title: '' };
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return { name: str(o.name) || fallback, title: str(o.title) };
  }
  return { name: fallback, title: '' };
}

function noPaper(message: string): AppError {
  return new AppError('invalid_input', message, { issues: [{ path: 'target.form', message }] });
}

/** Supplement items: names from the event or notice, paper kind and count from the procedure's list. */
function supplementItems(names: unknown, components: Array<{ name: string; kindLabel: string; countExpected: number }>): ComponentLine[] {
  const list = Array.isArray(names) ? names : [];
  const items: ComponentLine[] = [];
  for (const raw of list) {
    if (raw && typeof raw === 'object') {
      const o = raw as Record<string, unknown>;
      const name = str(o.name);
      if (!name) continue;
      const known = components.find((c) => c.name === name);
      const kind = str(o.kindLabel) || str(o.kind);
      const kindLabel = (COMPONENT_KIND_LABELS as Record<string, string>)[kind] ?? (kind || known?.kindLabel || 'Theo quy định');
      const count = typeof o.count === 'number' ? o.count : (known?.countExpected ?? 1);
      items.push({ name, kindLabel, count });
    } else {
      const name = str(raw);
      if (!name) continue;
      const known = components.find((c) => c.name === name);
      items.push({ name, kindLabel: known?.kindLabel ?? 'Theo quy định', count: known?.countExpected ?? 1 });
    }
  }
  return items;
}

export interface FormForDossier {
  kind: '01' | '02' | '03' | '04' | '05' | '06';
  data: FormInput<'01'> | FormInput<'02'> | FormInput<'03'> | FormInput<'04'> | FormInput<'05'> | FormInput<'06'>;
}

export async function formForDossier(db: Kysely<Database>, form: FormForDossier['kind'], d: Dossier, unit: UnitProfile, nowLocal: string): Promise<FormForDossier> {
  const base = { unit: formUnit(unit), dossier: formDossier(d, unit) };
  const nameOf = await officerNames(db);
  switch (form) {
    case '01': {
      const ext = [...d.appointments].reverse().find((a) => a.kind === 'extension');
      if (!ext) return { kind: '01', data: base };
      const e = lastMatching(await events(db, d.id), ['extend', 'extension', 'extended', 'apology'], []);
      const dossier = { ...base.dossier, dueAt: issuedDue(d), extension: { dueAt: ext.dueLocal, documentNumber: apologyNumber(d, e ? data(e) : {}) } };
      return { kind: '01', data: { ...base, dossier } };
    }
    case '02': {
      const e = lastMatching(await events(db, d.id), ['requestSupplement', 'supplement_request'], ['waiting_supplement']);
      if (!e) throw noPaper(`Hồ sơ ${d.code} chưa có yêu cầu bổ sung, hoàn thiện nào để in Mẫu 02.`);
      const x = data(e);
      const items = supplementItems(x.items ?? x.missing, d.components);
      if (items.length === 0) throw noPaper(`Yêu cầu bổ sung của hồ sơ ${d.code} chưa ghi giấy tờ cần bổ sung nên chưa in được Mẫu 02.`);
      const by = officer(unit, str(x.officer) || nameOf(e.actor));
      return {
        kind: '02',
        data: {
          ...base,
          supplement: {
            items,
            reason: str(x.reason) || e.note || 'Hồ sơ chưa đầy đủ, chưa hợp lệ theo quy định.',
            officer: { name: by.name, title: by.title, phone: str(x.officerPhone) || unit.phone },
            issuedAt: e.at_local,
          },
        },
      };
    }
    case '03': {
      const e = lastMatching(await events(db, d.id), ['refuse', 'refusal'], ['refused']);
      if (!e) throw noPaper(`Hồ sơ ${d.code} chưa bị từ chối tiếp nhận, giải quyết nên không có Mẫu 03 để in.`);
      const x = data(e);
      return { kind: '03', data: { ...base, refusal: { reason: str(x.reason) || e.note || '……………', issuedAt: e.at_local } } };
    }
    case '04': {
      const ext = [...d.appointments].reverse().find((a) => a.kind === 'extension');
      if (!ext) throw noPaper(`Hồ sơ ${d.code} chưa có đề nghị gia hạn nào để in Mẫu 04 (văn bản xin lỗi và đề nghị gia hạn).`);
      const e = lastMatching(await events(db, d.id), ['extend', 'extension', 'extended', 'apology'], []);
      const x = e ? data(e) : {};
      const issuedAt = toLocal(ext.at) ?? nowLocal;
      return {
        kind: '04',
        data: {
          ...base,
          apology: {
            documentNumber: apologyNumber(d, x),
            issuedAt,
            originalDueAt: ext.previousDueLocal ?? d.computedDueLocal,
            reason: ext.reason || str(x.reason) || '……………',
            proposedDueAt: ext.dueLocal,
            signer: signerOf(x.signer, officer(unit, nameOf(ext.actor)).name),
          },
        },
      };
    }
    case '05': {
      const e = lastMatching(await events(db, d.id), ['stop', 'withdraw'], ['stopped', 'withdrawn']);
      if (!e) throw noPaper(`Hồ sơ ${d.code} chưa dừng giải quyết nên không có Thông báo dừng giải quyết (Mẫu 05) để in.`);
      const x = data(e);
      return {
        kind: '05',
        data: {
          ...base,
          stop: {
            documentNumber: str(x.documentNumber),
            reason: str(x.reason) || e.note || '……………',
            date: e.at_local.slice(0, 10),
            issuedAt: e.at_local,
            signer: signerOf(x.signer, officer(unit, nameOf(e.actor)).name),
          },
        },
      };
    }
    case '06': {
      const rows = await controlRows(db, d.id, { name: unitSentenceName(unit.unitName) || RETURN_AT_DESK });
      const first = rows[0];
      return {
        kind: '06',
        data: { ...base, control: { handlingAgency: first?.agency ?? '', coordinatingAgency: '', rows: rows.slice(0, 40) } },
      };
    }
  }
}

/** Mẫu 02/03 given at the desk before any dossier exists: the notice stands in for the dossier. */
export async function formForNotice(
  notice: IntakeNotice,
  unit: UnitProfile,
  procedure: { code: string; name: string; field: string; limitText: string; components: Array<{ name: string; kind: string; count: number }> } | null,
): Promise<{ kind: '02'; data: FormInput<'02'> } | { kind: '03'; data: FormInput<'03'> }> {
  const at = utcToVietnamLocal(notice.at);
  const by = officer(unit, notice.officer);
  const dossier: FormInput<'01'>['dossier'] = {
    code: noticeReference(notice.id),
    procedure: {
      code: notice.procedureCode,
      name: notice.procedureName,
      field: procedure?.field ?? '',
      limitText: procedure?.limitText || 'Theo quy định',
    },
    applicant: { name: notice.applicant.fullName, idNumber: notice.applicant.idNumber, address: notice.applicant.address, phone: notice.applicant.phone, email: notice.applicant.email },
    components: [],
    setCount: 1,
    receivedAt: at,
    dueAt: at,
    returnMethod: RETURN_AT_DESK,
    fee: 0,
    book: { number: '', line: '' },
    receivedBy: by,
  };
  const base = { unit: formUnit(unit), dossier };
  if (notice.kind === 'refusal') {
    return { kind: '03', data: { ...base, refusal: { reason: notice.reason, issuedAt: at } } };
  }
  const known = (procedure?.components ?? []).map((c) => ({
    name: c.name,
    kindLabel: COMPONENT_KIND_LABELS[c.kind as ComponentKind] ?? c.kind,
    countExpected: c.count,
  }));
  const items = supplementItems(notice.missing, known);
  return {
    kind: '02',
    data: {
      ...base,
      supplement: {
        items: items.length > 0 ? items : [{ name: notice.reason, kindLabel: 'Theo quy định', count: 1 }],
        reason: notice.reason,
        officer: { name: by.name, title: by.title, phone: unit.phone },
        issuedAt: at,
      },
    },
  };
}

/** What a notice prints where a dossier code would be: short, ASCII (Code 128), and traceable to its id. */
export function noticeReference(id: string): string {
  return `TB-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

