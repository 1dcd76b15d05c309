/**
 * Which OCR engine this desk uses (issue 18), and how many pages it reads at once. The `tesseract`
 * CLI (Debian package, or the Windows installer's tesseract.exe) when MOTCUA_OCR is unset or
 * 'tesseract'; 'none' turns OCR off (pages then wait with a clear reason). One page per spare core.
 */
import { availableParallelism } from 'node:os';
import { tesseractCliEngine } from '../adapters/ocr/tesseract-cli';
import { noOcrEngine, type OcrEngine } from '../core/ports/ocr';

export function chooseOcrEngine(env: NodeJS.ProcessEnv = process.env): OcrEngine {
  const choice = (env.MOTCUA_OCR ?? 'tesseract').trim().toLowerCase();
  if (choice === 'none' || choice === 'off') return noOcrEngine;
  return tesseractCliEngine();
}

/** One OCR process per spare core: the main thread keeps a core for the desk. */
export function ocrWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.MOTCUA_OCR_WORKERS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  return Math.max(1, availableParallelism() - 1);
}
