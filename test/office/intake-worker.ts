/**
 * One desk of the concurrency test: a separate Node process that opens the shared PostgreSQL
 * store (DATABASE_URL + MOTCUA_PG_SCHEMA) and receives COUNT dossiers as fast as it can, then
 * prints the codes it was given as one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../main/app/create-app';
import { fixedClock } from '../../main/core/ports/clock';

const url = process.env.DATABASE_URL!;
const schema = process.env.MOTCUA_PG_SCHEMA!;
const count = Number(process.env.COUNT ?? '10');
const desk = process.env.DESK ?? '?';

const app = await createApp({
  dataDir: mkdtempSync(join(tmpdir(), 'motcua-worker-')),
  store: { kind: 'postgres', url, schema },
  clock: fixedClock(process.env.NOW!),
  pollChangesMs: 0,
});
const client = app.client({ actor: `desk-${desk}` });
const codes: string[] = [];
for (let i = 0; i < count; i++) {
  const d = await client.invoke('dossiers.create', {
    requestId: randomUUID(),
    procedureCode: '1.001731',
    applicant: { fullName: `Người nộp ${desk}-${i}`, idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp' },
    components: [0, 1, 2].map((position) => ({ position, received: true })),
  });
  codes.push(d.code);
}
await app.close();
process.stdout.write(JSON.stringify({ desk, codes }) + '\n');
