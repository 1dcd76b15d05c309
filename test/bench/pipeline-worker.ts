/**
 * One pipeline run in its own process (so its peak RSS is its own): `tsx pipeline-worker.ts <mode> <count> <out.pdf> <page.png>...`.
 * Pages are cycled to reach <count>, read one at a time as a scanner delivers them, and the PDF goes
 * to <out.pdf> through PdfAssembler.finishToFile (the streaming path, never one whole-PDF buffer).
 * Prints {ms, bytes, pages} as JSON.
 */
import { readFileSync } from 'node:fs';
import { PdfAssembler } from '../../main/core/digitize/pipeline';
import type { ColourMode } from '../../main/core/ports/scanner';

const [mode, countText, out, ...pages] = process.argv.slice(2);
// 'idle': load the same modules and stop, so the runtime's own RSS can be told apart from the pipeline's.
if (mode === 'idle') {
  process.stdout.write('{}\n');
  process.exit(0);
}
const count = Number(countText);
const t0 = performance.now();
const asm = new PdfAssembler({ dpi: 200, mode: mode as ColourMode });
for (let i = 0; i < count; i++) {
  // Read per page, as pages come off the scanner one at a time.
  await asm.addImage({ image: readFileSync(pages[i % pages.length]!), dpi: 200, name: `trang ${i + 1}` });
}
const res = await asm.finishToFile(out!);
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, bytes: res.bytes, pages: res.pageCount }) + '\n');
