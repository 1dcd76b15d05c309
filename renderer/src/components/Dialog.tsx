import { useEffect, useRef, type ReactNode } from 'react';
import { vi } from '../../../shared/i18n/vi';
import { dialogClosed, dialogOpened } from './dialog-stack';

interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
}

/** A modal on the native <dialog>: focus is trapped by the browser and Esc closes it. */
export function Dialog({ open, title, onClose, children, footer }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
    if (el.open) dialogOpened(el);
    else dialogClosed(el);
    return () => dialogClosed(el);
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onClose={(e) => {
        dialogClosed(e.currentTarget);
        onClose();
      }} onCancel={onClose}>
      <header className="dialog__header">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="dialog__close" onClick={onClose} aria-label={vi.common.close}>
          ×
        </button>
      </header>
      <div className="dialog__body">{children}</div>
      {/* Toasts shown while this dialog is on top land here, above its buttons (components/Toast.tsx). */}
      <div className="dialog__toasts" data-toast-slot="" />
      {footer ? <footer className="dialog__footer">{footer}</footer> : null}
    </dialog>
  );
}
