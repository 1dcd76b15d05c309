import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/contract/names';
import { DEPENDENTS, dependsOn, queryKeys } from './query-keys';

describe('targeted refetch on data.changed', () => {
  it('refetches only the print history when a document is printed, and never a preview', () => {
    const keys = [queryKeys.documentHistory('h50-1'), queryKeys.documentPreview({ kind: 'dossier', code: 'H50-1', form: '01' }, undefined), ['board.today'], ['dossiers.get', 'H50-1'], ['printers.list']];
    expect(keys.filter((k) => dependsOn(k, 'printed_document'))).toEqual([queryKeys.documentHistory('h50-1')]);
    expect(keys.filter((k) => dependsOn(k, 'dossier')).map((k) => k[0])).toEqual(['board.today', 'dossiers.get']);
    // An unknown kind (a restored store) refreshes everything except previews.
    expect(keys.filter((k) => dependsOn(k, 'store')).map((k) => k[0])).toEqual(['documents.history', 'board.today', 'dossiers.get', 'printers.list']);
  });

  it('names only real channels', () => {
    for (const readers of Object.values(DEPENDENTS)) for (const c of readers) expect(CHANNEL_NAMES).toContain(c);
  });
});
