import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { vi } from '../../../shared/i18n/vi';
import { useTopDialog } from './dialog-stack';

type ToastKind = 'success' | 'error' | 'info';

/** A way out offered with the message ("In lại", "Lưu tệp PDF…"); a link when it downloads or opens a file. */
export type ToastAction = { label: string; run(): void; href?: never } | { label: string; href: string; download?: string; run?: never };

export interface ToastOptions {
  actions?: ToastAction[];
}

interface ToastItem {
  id: number;
  kind: ToastKind;
  text: string;
  actions: ToastAction[];
}

export type ShowToast = (kind: ToastKind, text: string, options?: ToastOptions) => void;

const ToastContext = createContext<ShowToast | null>(null);
const AUTO_CLOSE_MS = 4000;

/**
 * Short messages at the bottom-left of the work area (clear of the intake summary at the top right
 * and of the right-aligned save buttons).
 * Information closes by itself; an error stays until the clerk closes it or takes one of its
 * actions. While a dialog is open they show inside it, above its buttons: never hidden behind it,
 * never covering what it asks.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const topDialog = useTopDialog();
  const dismiss = useCallback((id: number) => setItems((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback<ShowToast>(
    (kind, text, options) => {
      const id = next.current++;
      setItems((all) => [...all.slice(-3), { id, kind, text, actions: options?.actions ?? [] }]);
      if (kind !== 'error') setTimeout(() => dismiss(id), AUTO_CLOSE_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  const region = (
    <div className="toasts" role="region" aria-label="Thông báo">
      {items.map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${t.kind}`}>
          <div className="toast__body">
            <span>{t.text}</span>
            {t.actions.length > 0 ? (
              <span className="toast__actions">
                {t.actions.map((a) =>
                  a.href ? (
                    <a key={a.label} className="btn btn--secondary btn--small" href={a.href} download={a.download} target={a.download ? undefined : '_blank'} rel="noreferrer">
                      {a.label}
                    </a>
                  ) : (
                    <button
                      key={a.label}
                      type="button"
                      className="btn btn--secondary btn--small"
                      onClick={() => {
                        dismiss(t.id);
                        a.run!();
                      }}
                    >
                      {a.label}
                    </button>
                  ),
                )}
              </span>
            ) : null}
          </div>
          <button type="button" className="toast__close" onClick={() => dismiss(t.id)} aria-label={vi.common.close}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
  return (
    <ToastContext.Provider value={value}>
      {children}
      {topDialog ? createPortal(region, topDialog.querySelector('[data-toast-slot]') ?? topDialog) : region}
    </ToastContext.Provider>
  );
}

export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast outside ToastProvider');
  return show;
}
