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

// Every mounted useShortcuts is a layer; the newest (a dialog opened over a screen) is asked first
// and the first match wins, so one key press runs one action (F9 in a preview prints once, not
// once for the preview and once for the screen's "In giấy hẹn" under it).
const layers: Array<{ current: Shortcut[] }> = [];

function onKey(e: KeyboardEvent): void {
  for (let i = layers.length - 1; i >= 0; i--) {
    for (const s of layers[i]!.current) {
      if (!matches(e, s.keys)) continue;
      e.preventDefault();
      // A key held down repeats: still one action.
      if (!e.repeat) s.run();
      return;
    }
  }
}

export function useShortcuts(shortcuts: Shortcut[]): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const layer = ref;
    if (layers.length === 0) window.addEventListener('keydown', onKey);
    layers.push(layer);
    return () => {
      const i = layers.indexOf(layer);
      if (i >= 0) layers.splice(i, 1);
      if (layers.length === 0) window.removeEventListener('keydown', onKey);
    };
  }, []);
}
