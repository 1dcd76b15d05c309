/**
 * Enter in an intake field moves to the next field instead of saving (issue 14 item 6): a clerk
 * types with one eye on the citizen's papers, and Enter after each box is a habit. Saving is
 * Ctrl+Enter or the Save button. A combobox or list that handles Enter itself (the procedure
 * picker picks) marks the event handled, and a focused button keeps its own Enter.
 */
import { useEffect, type RefObject } from 'react';

const FIELDS = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button[type=submit]:not([disabled])';

function visible(el: HTMLElement): boolean {
  return el.offsetParent !== null || el.getClientRects().length > 0;
}

/** The fields of `form` one Tab stop each (a radio group is one stop: its checked radio, else its first). */
export function fieldStops(form: HTMLElement): HTMLElement[] {
  const seenGroups = new Set<string>();
  const stops: HTMLElement[] = [];
  for (const el of Array.from(form.querySelectorAll<HTMLElement>(FIELDS))) {
    if (el.tabIndex < 0 || !visible(el)) continue;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      if (seenGroups.has(el.name)) continue;
      seenGroups.add(el.name);
      const checked = form.querySelector<HTMLInputElement>(`input[type=radio][name="${el.name}"]:checked`);
      stops.push(checked ?? el);
      continue;
    }
    stops.push(el);
  }
  return stops;
}

/** Plain Enter in a field of `form` focuses the next field. */
export function enterMovesOn(e: KeyboardEvent, form: HTMLElement): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.defaultPrevented) return;
  const target = e.target as HTMLElement;
  if (!form.contains(target)) return;
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target instanceof HTMLTextAreaElement) return;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  // Never the browser's implicit submit on Enter.
  e.preventDefault();
  const stops = fieldStops(form);
  const here = stops.findIndex((s) => s === target || (target instanceof HTMLInputElement && target.type === 'radio' && s instanceof HTMLInputElement && s.name === target.name));
  const next = stops[here + 1];
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement && (next.type === 'text' || next.type === 'tel' || next.type === 'email' || next.type === '' || next.type === 'search')) next.select();
  }
}

/**
 * Listen on the document, so the fields' own React handlers (which run at the app's root) have had
 * their say first: the procedure picker's Enter picks and marks the event handled.
 */
export function useEnterMovesOn(form: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (form.current) enterMovesOn(e, form.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [form]);
}
