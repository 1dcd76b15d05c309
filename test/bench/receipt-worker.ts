/**
 * Runs in a fresh Node process (spawned by receipt.bench.ts) so "first" really is the first receipt
 * of a process: fonts read and parsed, templates loaded, QR symbol built. Prints one JSON line.
 * Usage: tsx test/bench/receipt-worker.ts <warmRuns> <outFile.pdf>
 */
import { writeFileSync } from 'node:fs';

const runs = Number(process.argv[2] ?? '20');
const out = process.argv[3];
const t0 = performance.now();
const { renderForm } = await import('../../main/core/documents/render-form');
const { SAMPLES } = await import('../fixtures/forms');
const importMs = performance.now() - t0;

const t1 = performance.now();
const first = await renderForm('01', SAMPLES['01'], { paper: 'A4' });
const firstMs = performance.now() - t1;

const warm: number[] = [];
// CPU time (user + system) as well as wall time: on a shared, busy machine wall time mostly measures the queue.
const warmCpu: number[] = [];
let last = first;
for (let i = 0; i < runs; i++) {
  // A different applicant each time, as at the desk: no cached layout of the same text.
  const data = { ...SAMPLES['01'], dossier: { ...SAMPLES['01'].dossier, code: `H50.12.34-260213-${String(i + 2).padStart(4, '0')}` } };
  const t = performance.now();
  const c = process.cpuUsage();
  last = await renderForm('01', data, { paper: 'A4' });
  const used = process.cpuUsage(c);
  warm.push(performance.now() - t);
  warmCpu.push((used.user + used.system) / 1000);
}
if (out) writeFileSync(out, first);
process.stdout.write(JSON.stringify({ importMs, firstMs, warm, warmCpu, firstBytes: first.length, lastBytes: last.length }) + '\n');
