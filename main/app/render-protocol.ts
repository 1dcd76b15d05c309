/** Messages between the desk host and its render threads (render-pool.ts, render-worker.ts). */
import type { ErrorPayload } from '../../shared/errors';
import type { FormKind, Paper } from '../core/documents/form-data';

export interface RenderRequest {
  id: number;
  kind: FormKind;
  data: unknown;
  paper: Paper;
}

/** Sent once by a thread when it has loaded and warmed up; until then it is sent no job. */
export interface RenderReady {
  ready: true;
}

export type RenderReply =
  | { id: number; ok: true; bytes: Uint8Array }
  /** `app`: an AppError (bad form data: the clerk's message); otherwise a crash inside the renderer. */
  | { id: number; ok: false; error: ErrorPayload & { app: boolean } };
