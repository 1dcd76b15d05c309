/**
 * Which modal dialogs are open, newest last. A modal <dialog> sits in the browser's top layer and
 * makes the rest of the page inert, so anything that must stay visible and clickable over it (the
 * toasts) is rendered inside the newest open dialog (components/Toast.tsx).
 */
import { useSyncExternalStore } from 'react';

let open: HTMLDialogElement[] = [];
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export function dialogOpened(el: HTMLDialogElement): void {
  open = [...open.filter((d) => d !== el), el];
  notify();
}

export function dialogClosed(el: HTMLDialogElement): void {
  if (!open.includes(el)) return;
  open = open.filter((d) => d !== el);
  notify();
}

/** The newest open modal dialog, or null. */
export function useTopDialog(): HTMLDialogElement | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open[open.length - 1] ?? null,
  );
}
