import { useEffect, useRef } from 'react';

/**
 * App-wide keyboard shortcuts. A clerk keeps both hands on the keyboard: Alt+digit moves between
 * areas, F1 shows the list, and screens add their own (e.g. F2 for a new dossier).
 */
export interface Shortcut {
  /** e.g. "Alt+1", "F1", "Ctrl+S". */
  keys: string;
  description: string;
  run(): void;
}

export function matches(e: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.pop()!;
  const want = new Set(parts.map((p) => p.toLowerCase()));
  if (want.has('alt') !== e.altKey || want.has('ctrl') !== (e.ctrlKey || e.metaKey) || want.has('shift') !== e.shiftKey) return false;
  return e.key.toLowerCase() === key.toLowerCase() || e.code === `Digit${key}` || e.code === key;
}

export function useShortcuts(shortcuts: Shortcut[]): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      for (const s of ref.current) {
        if (matches(e, s.keys)) {
          e.preventDefault();
          s.run();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
