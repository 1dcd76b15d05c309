import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { deepNormalizeNfc } from '../../../shared/domain/text';
import { ASSETS_DIR } from '../assets-dir';
import type { FormKind } from './form-data';
import { FormTemplateSchema, LayoutFileSchema, type FormTemplate, type LayoutFile } from './template-schema';

/** assets/forms/ of the project, found from this file's location (main/core/documents/). */
export const DEFAULT_TEMPLATE_DIR = join(ASSETS_DIR, 'forms');

interface CacheEntry {
  mtimeMs: number;
  size: number;
  value: unknown;
}
// Parsed files are kept and re-read only when the file changes, so an admin's edit shows on the next print
// without a restart, while a warm render costs one stat() per file.
const cache = new Map<string, CacheEntry>();

function loadJson<S extends z.ZodType>(file: string, schema: S, what: string): z.output<S> {
  let st;
  try {
    st = statSync(file);
  } catch (cause) {
    throw new AppError('internal', `Không tìm thấy tệp mẫu biểu ${what} (${file}). Hãy khôi phục thư mục mẫu biểu hoặc chọn lại thư mục trong phần cài đặt.`, { cause });
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.value as z.output<S>;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError('internal', `Tệp mẫu biểu ${what} (${file}) không đúng định dạng JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = schema.safeParse(deepNormalizeNfc(raw));
  if (!parsed.success) {
    throw new AppError('internal', `Tệp mẫu biểu ${what} (${file}) có nội dung không hợp lệ. Hãy sửa các mục được liệt kê.`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      details: { file },
    });
  }
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, value: parsed.data });
  return parsed.data;
}

export function loadLayout(dir: string = DEFAULT_TEMPLATE_DIR): LayoutFile {
  return loadJson(join(dir, 'layout.json'), LayoutFileSchema, 'layout.json');
}

export function loadTemplate(kind: FormKind, dir: string = DEFAULT_TEMPLATE_DIR): FormTemplate {
  const name = `mau-${kind}.json`;
  const t = loadJson(join(dir, name), FormTemplateSchema, name);
  if (t.kind !== kind) {
    throw new AppError('internal', `Tệp mẫu biểu ${name} ghi "kind": "${t.kind}", phải là "${kind}".`, { details: { file: join(dir, name) } });
  }
  return t;
}
