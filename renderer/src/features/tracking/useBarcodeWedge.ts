import { useEffect, useRef } from 'react';
import { DEFAULT_WEDGE_OPTIONS, WedgeDetector, type WedgeOptions } from './barcode-wedge';

function isTextField(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}

/** Put a React-controlled input back to `value` (React listens to the native setter + input event). */
function restoreValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listen, app-wide, for a USB barcode/QR reader (keyboard wedge) and call `onCode` with the dossier
 * code it read, from any screen. Keys typed by people pass through untouched. When the burst landed
 * in a text field (only a whole dossier code counts there), the field gets its earlier value back.
 */
export function useBarcodeWedge(onCode: (code: string) => void, options: WedgeOptions = DEFAULT_WEDGE_OPTIONS): void {
  const handler = useRef(onCode);
  handler.current = onCode;
  const { maxGapMs, minLength } = options;
  useEffect(() => {
    const detector = new WedgeDetector({ maxGapMs, minLength });
    let field: { el: HTMLInputElement | HTMLTextAreaElement; before: string } | null = null;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) {
        detector.reset();
        return;
      }
      const active = document.activeElement;
      const inField = isTextField(active);
      if (detector.pending === 0 && e.key.length === 1) {
        field = inField && (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) ? { el: active, before: active.value } : null;
      }
      const verdict = detector.feed({ key: e.key, time: e.timeStamp, inTextField: inField });
      if (verdict.kind !== 'code') return;
      // The reader's Enter must not also submit a form or press a focused button.
      e.preventDefault();
      e.stopPropagation();
      if (verdict.inTextField && field) restoreValue(field.el, field.before);
      field = null;
      handler.current(verdict.code);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [maxGapMs, minLength]);
}

/** What App.tsx passes to the hook: open the dossier screen for the code read. */
export function openDossier(code: string): void {
  window.location.hash = `#/tracking/${encodeURIComponent(code)}`;
}
