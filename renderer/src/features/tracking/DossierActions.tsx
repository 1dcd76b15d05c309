import { useEffect, useRef, useState } from 'react';
import type { TrackingAction } from '../../../../shared/contract/tracking.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';

const t = vi.tracking;
const a = vi.dossierActions;

/** Actions that end the dossier's processing: they ask for confirmation with a warning. */
export const DESTRUCTIVE: ReadonlySet<TrackingAction> = new Set(['refuse', 'stop', 'withdraw']);

/**
 * The next step a clerk normally takes in each state, first. A dossier just received goes to the
 * officer (Chuyển xử lý) before it can have a result; once in progress the result comes next.
 */
export function orderActions(status: string, actions: readonly TrackingAction[]): TrackingAction[] {
  const flow: TrackingAction[] =
    status === 'received'
      ? ['handOver', 'resultReady', 'requestSupplement']
      : ['return', 'rate', 'supplySupplement', 'resultReady', 'handOver', 'requestSupplement'];
  const rank = (x: TrackingAction) => {
    const i = flow.indexOf(x);
    if (i >= 0) return i;
    return DESTRUCTIVE.has(x) ? 200 : 100;
  };
  return [...actions].sort((x, y) => rank(x) - rank(y));
}

/** One primary button for the next step; every other valid action in a menu ("Thao tác khác"). */
export function DossierActions({ status, actions, onPick }: { status: string; actions: readonly TrackingAction[]; onPick(action: TrackingAction): void }) {
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const ordered = orderActions(status, actions);
  const [primary, ...rest] = ordered;

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menuRef.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);

  if (!primary) return <p className="form__hint">{t.noActions}</p>;
  return (
    <div className="tracking-actions" role="group" aria-label={a.next}>
      <Button variant="primary" onClick={() => onPick(primary)} data-testid="dossier-next-action">
        {t.actions[primary]}
      </Button>
      {rest.length > 0 ? (
        <div className="menu" ref={menuRef}>
          <Button aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="dossier-more-actions">
            {a.more} ▾
          </Button>
          {open ? (
            <div className="menu__list" role="menu" aria-label={a.more}>
              {rest.map((x) => (
                <button
                  key={x}
                  type="button"
                  role="menuitem"
                  className={`menu__item${DESTRUCTIVE.has(x) ? ' menu__item--danger' : ''}`}
                  onClick={() => {
                    setOpen(false);
                    onPick(x);
                  }}
                >
                  {t.actions[x]}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
