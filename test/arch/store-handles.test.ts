/**
 * The store's handle types say what a repository function may do: a write that must commit with its
 * audit entry asks for a transaction (Tx), and a plain handle does not compile there; a reader asks
 * for ReadDb and cannot write. The @ts-expect-error lines are checked by `npm run typecheck`.
 */
import { describe, expect, it } from 'vitest';
import { inSlices, type Db, type ReadDb, type Tx } from '../../main/store/db';
import { insertPrintedDocument, updatePrintOutcome } from '../../main/store/printed-documents.repository';
import { listBookDossiers } from '../../main/store/book.repository';

// Compile-time only: never called.
export function typeChecks(db: Db, tx: Tx, read: ReadDb): void {
  // @ts-expect-error a plain handle is not a transaction
  void insertPrintedDocument(db, {} as never);
  // @ts-expect-error a plain handle is not a transaction
  void updatePrintOutcome(db, 'id', {} as never);
  void insertPrintedDocument(tx, {} as never);
  void listBookDossiers(tx, '', '', 1);
  void listBookDossiers(db, '', '', 1);
  // @ts-expect-error a read-only handle has no insertInto
  void read.insertInto('files');
}

describe('inSlices', () => {
  it('asks in slices of at most 500 ids and keeps the rows in order', async () => {
    const ids = Array.from({ length: 1201 }, (_, i) => `d${i}`);
    const asked: number[] = [];
    const rows = await inSlices(ids, async (slice) => {
      asked.push(slice.length);
      return slice.map((id) => id.toUpperCase());
    });
    expect(asked).toEqual([500, 500, 201]);
    expect(rows).toEqual(ids.map((id) => id.toUpperCase()));
    expect(await inSlices([], async () => ['never'])).toEqual([]);
  });
});
