import PDFDocument from 'pdfkit';
import { AppError } from '../../../shared/errors';
import { deepNormalizeNfc } from '../../../shared/domain/text';
import { Engine, type FormContent } from './engine';
import { registerFonts } from './fonts';
import { formContent, qrPayload } from './form-content';
import { FORM_DATA_SCHEMAS, FormKindSchema, RenderOptionsSchema, type FormInput, type FormKind, type RenderOptions } from './form-data';
import { loadLayout, loadTemplate } from './templates';

/**
 * Renders one of the one-stop forms (Mẫu 01–07) to a PDF: A4 (or A5), Tinos (Times New Roman metrics), Decree 30/2020
 * header, QR code and Code 128 drawn as vectors, text embedded as subset CID fonts with ToUnicode so it stays
 * searchable and copyable.
 */
export async function renderForm<K extends FormKind>(kind: K, data: FormInput<K>, options: RenderOptions = { paper: 'A4' }): Promise<Buffer> {
  const k = FormKindSchema.safeParse(kind);
  if (!k.success) throw new AppError('invalid_input', `Không có biểu mẫu "${String(kind)}". Chỉ có Mẫu 01 đến Mẫu 07.`);
  const opts = RenderOptionsSchema.safeParse(options ?? {});
  if (!opts.success) {
    throw new AppError('invalid_input', 'Tùy chọn in biểu mẫu không hợp lệ (khổ giấy chỉ có A4 hoặc A5).', {
      issues: opts.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  const parsed = FORM_DATA_SCHEMAS[kind].safeParse(deepNormalizeNfc(data));
  if (!parsed.success) {
    throw new AppError('invalid_input', `Dữ liệu để in Mẫu ${kind} chưa đầy đủ hoặc không hợp lệ. Hãy kiểm tra các trường được đánh dấu.`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  const content = formContent(kind, parsed.data as never);
  return renderContent(kind, content, opts.data.paper, opts.data.templateDir);
}

/** The printed title of a form, from its template (so a renamed 2025 form shows its new name in menus too). */
export function formTitle(kind: FormKind, templateDir?: string): string {
  return loadTemplate(kind, templateDir).title;
}

/** The short, sentence-case name of a form ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"). */
export function formName(kind: FormKind, templateDir?: string): string {
  return loadTemplate(kind, templateDir).name;
}

function newDocument(title: string, author: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    autoFirstPage: false,
    // No default Helvetica: every glyph comes from Tinos, and no unused standard font is listed.
    font: null as unknown as string,
    compress: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: title, Author: author, Creator: 'MotCua Desk', Producer: 'MotCua Desk (pdfkit)' },
  });
  registerFonts(doc);
  return doc;
}

async function renderContent(kind: FormKind, content: FormContent, paperChoice: 'A4' | 'A5', templateDir: string | undefined): Promise<Buffer> {
  const layout = loadLayout(templateDir);
  const template = loadTemplate(kind, templateDir);
  const paperKey = `${template.paper ?? paperChoice}${template.orientation === 'landscape' ? '-landscape' : ''}`;
  const paper = layout.papers[paperKey];
  if (!paper) {
    throw new AppError('internal', `Tệp layout.json của mẫu biểu chưa có khổ giấy "${paperKey}" cần cho Mẫu ${kind}. Hãy bổ sung mục này.`, {
      details: { paper: paperKey },
    });
  }
  if (content.qrFields && !content.qrText) content.qrText = qrPayload(content.qrFields as never, template.name);
  const unit = content.values.unit as { unitName?: string } | undefined;
  const doc = newDocument(template.title, unit?.unitName ?? '');
  const where = `mau-${kind}.json`;

  let scale = 1;
  if (template.fitOnePage) {
    // Largest type scale at which each copy fits one page, by bisection over dry runs that measure with the real
    // fonts; if even the smallest allowed scale overflows, the form continues on a second page rather than shrink
    // below what a clerk can read.
    const fits = (s: number) => new Engine(doc, paper, layout, template, content, s, false, where).run(true) <= 1;
    if (!fits(1)) {
      let lo = paper.minScale;
      let hi = 1;
      if (fits(lo)) {
        for (let i = 0; i < 4; i++) {
          const mid = (lo + hi) / 2;
          if (fits(mid)) lo = mid;
          else hi = mid;
        }
      }
      scale = lo;
    }
  }
  new Engine(doc, paper, layout, template, content, scale, true, where).run();

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
