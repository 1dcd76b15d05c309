/**
 * Where a form's PDF is drawn. In process by default (main/core/documents/render-form.ts); the
 * desk host passes a pool of worker threads (main/app/render-pool.ts) so that a receipt being drawn
 * never holds up another desk's intake or search on the main thread (issue 16, busy office).
 */
import type { FormKind, FormInput, Paper } from '../documents/form-data';

export interface FormRenderer {
  render<K extends FormKind>(kind: K, data: FormInput<K>, options: { paper: Paper }): Promise<Buffer>;
}
