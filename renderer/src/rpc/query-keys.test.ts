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

  it('knows every entity the core announces, so a background job (OCR finishes a page every second or two) never refetches every screen', () => {
    // The core's sources as text, through Vite's glob import (the renderer has no file system).
    const sources = import.meta.glob('../../../main/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const named = new Set<string>();
    for (const [file, text] of Object.entries(sources)) {
      if (file.endsWith('.test.ts')) continue;
      for (const m of text.matchAll(/emit\('data\.changed', \{ entity: '([a-z_]+)'/g)) named.add(m[1]!);
    }
    named.delete('store'); // a restored store: everything is new, refetching all is right
    expect(named.size).toBeGreaterThan(10);
    for (const e of named) expect(Object.keys(DEPENDENTS), e).toContain(e);
    expect(DEPENDENTS.ocr_pages).toEqual(['ocr.status', 'archive.searchText']);
  });
});
