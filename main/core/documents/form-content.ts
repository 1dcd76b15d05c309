import type { Dossier, FormData, FormKind, FormUnit } from './form-data';
import type { FormContent } from './engine';
import { dateInWords, dateTimeInWords, groupThousands, numberInWords, shortDate, shortDateTime } from './vn-format';

/**
 * Turns validated form data into the values templates print. Everything a clerk reads as a sentence
 * (dates in words, fee wording) is prepared here so templates stay pure wording.
 */

/**
 * QR payload (Circular 01/2023: mã số hồ sơ, mã TTHC, mã định danh of the applicant, tên giấy tờ), compact:
 * the four values on one line separated by "|", no keys, so the symbol stays small enough (version 5–6) for
 * modules a cheap printer and a 100-dpi scan still resolve. The paper's name is its own (template "name"),
 * not a form code. A value never contains "|" (codes are ASCII, the name comes from the template).
 */
export function qrPayload(dossier: Pick<Dossier, 'code' | 'procedure' | 'applicant'>, paperName: string): string {
  return [dossier.code, dossier.procedure.code, dossier.applicant.idNumber, paperName.replace(/\|/g, '/')].join('|');
}

function unitValues(unit: FormUnit) {
  return { ...unit, displayName: unit.displayName || unit.unitName };
}

function feeText(fee: number, wording: string): string {
  return fee > 0 ? `${groupThousands(fee)} đồng (${numberInWords(fee)} đồng)` : wording || 'Không thu';
}

/** "Hẹn trả kết quả đã được gia hạn đến … theo văn bản số …": the receipt keeps its own date and says what changed. */
function extensionNote(d: Dossier): string {
  if (!d.extension) return '';
  const by = d.extension.documentNumber ? ` theo Văn bản xin lỗi và đề nghị gia hạn số ${d.extension.documentNumber}` : '';
  return `Thời hạn trả kết quả đã được gia hạn đến ${dateTimeInWords(d.extension.dueAt)}${by}.`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The slip's time as the template writes it, in two lines that fit its column: "10 giờ 15 phút," / "ngày 13 tháng 02 năm 2026". */
function slipTime(value: string | undefined): { clock: string; date: string } {
  if (!value) return { clock: '', date: '' };
  return { clock: `${value.slice(11, 13)} giờ ${value.slice(14, 16)} phút`, date: dateInWords(value.slice(0, 10)) };
}

/** "Nơi nhận" lines, each printed as "- …" whether or not the caller wrote the dash. */
function recipientLines(list: string[] | undefined): string[] {
  return (list ?? []).map((r) => `- ${r.replace(/^\s*[-–•]\s*/, '')}`);
}

function dossierValues(d: Dossier) {
  return {
    ...d,
    setCountText: pad2(d.setCount),
    receivedAtWords: dateTimeInWords(d.receivedAt),
    receivedDateWords: dateInWords(d.receivedAt.slice(0, 10)),
    receivedShort: shortDate(d.receivedAt),
    dueAtWords: dateTimeInWords(d.dueAt),
    dueShort: shortDateTime(d.dueAt),
    feeText: feeText(d.fee, d.feeWording),
    extensionNote: extensionNote(d),
    componentCount: d.components.length,
  };
}

function componentRows(items: Dossier['components']) {
  return items.map((c) => ({ ...c, countText: pad2(c.count) }));
}

function withDossier(data: { unit: FormUnit; dossier: Dossier }, kind: FormKind, issuedAt: string): FormContent {
  const dossier = dossierValues(data.dossier);
  return {
    values: {
      kind,
      unit: unitValues(data.unit),
      dossier,
      applicant: data.dossier.applicant,
      procedure: data.dossier.procedure,
      book: data.dossier.book,
      receivedBy: data.dossier.receivedBy,
      issuedAt,
      issuedDateWords: dateInWords(issuedAt.slice(0, 10)),
    },
    tables: { components: componentRows(data.dossier.components) },
    qrFields: data.dossier,
    barcodeText: data.dossier.code,
  };
}

export function formContent<K extends FormKind>(kind: K, input: FormData<K>): FormContent {
  switch (kind) {
    case '01': {
      const data = input as FormData<'01'>;
      return withDossier(data, kind, data.dossier.receivedAt);
    }
    case '02': {
      const data = input as FormData<'02'>;
      const c = withDossier(data, kind, data.supplement.issuedAt);
      c.values.supplement = data.supplement;
      c.tables.supplementItems = componentRows(data.supplement.items);
      return c;
    }
    case '03': {
      const data = input as FormData<'03'>;
      const c = withDossier(data, kind, data.refusal.issuedAt);
      c.values.refusal = data.refusal;
      return c;
    }
    case '04': {
      const data = input as FormData<'04'>;
      const a = data.apology;
      const c = withDossier(data, kind, a.issuedAt);
      c.values.apology = {
        ...a,
        originalDueWords: dateTimeInWords(a.originalDueAt),
        proposedDueWords: dateTimeInWords(a.proposedDueAt),
        recipients: recipientLines(a.recipients),
      };
      return c;
    }
    case '05': {
      const data = input as FormData<'05'>;
      const s = data.stop;
      const c = withDossier(data, kind, s.issuedAt ?? `${s.date}T00:00`);
      c.values.stop = { ...s, dateWords: dateInWords(s.date), recipients: recipientLines(s.recipients) };
      return c;
    }
    case '06': {
      const data = input as FormData<'06'>;
      const c = withDossier(data, kind, data.dossier.receivedAt);
      c.values.control = data.control;
      c.tables.controlRows = data.control.rows.map((r) => ({
        ...r,
        givenAtWords: r.givenAt ? dateTimeInWords(r.givenAt) : '',
        receivedAtWords: r.receivedAt ? dateTimeInWords(r.receivedAt) : '',
        givenClock: slipTime(r.givenAt).clock,
        givenDate: slipTime(r.givenAt).date,
        receivedClock: slipTime(r.receivedAt).clock,
        receivedDate: slipTime(r.receivedAt).date,
      }));
      return c;
    }
    case '07': {
      const data = input as FormData<'07'>;
      const b = data.book;
      const printedOn = b.printedOn ?? b.to;
      const opt = (v: string | undefined) => (v ? shortDate(v.slice(0, 10)) : '');
      return {
        values: {
          kind,
          unit: unitValues(data.unit),
          book: { ...b, fromShort: shortDate(b.from), toShort: shortDate(b.to), rowCount: b.rows.length },
          issuedAt: `${printedOn}T00:00`,
          issuedDateWords: dateInWords(printedOn),
        },
        tables: {
          bookRows: b.rows.map((r) => ({
            ...r,
            setCountText: pad2(r.setCount),
            receivedOn: opt(r.receivedAt),
            dueOn: opt(r.dueAt),
            transferredOn: opt(r.transferredAt),
            resultReceivedOn: opt(r.resultReceivedAt),
            returnedOn: opt(r.returnedAt),
          })),
        },
      };
    }
  }
  throw new Error(`unknown form kind ${String(kind)}`);
}
