import { vi } from '../../../../shared/i18n/vi';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * An on-screen PIN pad for a shared desk (touch screens, or a mouse in one hand). The PIN field
 * beside it stays the keyboard path: digits and Enter work there directly.
 */
export function PinPad({ onDigit, onBackspace, onClear, disabled }: { onDigit(d: string): void; onBackspace(): void; onClear(): void; disabled?: boolean }) {
  return (
    <div className="auth-pad" role="group" aria-label={vi.auth.pinPad}>
      {KEYS.map((k) => (
        <button key={k} type="button" className="auth-pad__key" tabIndex={-1} disabled={disabled} onClick={() => onDigit(k)}>
          {k}
        </button>
      ))}
      <button type="button" className="auth-pad__key auth-pad__key--muted" tabIndex={-1} disabled={disabled} onClick={onClear}>
        {vi.auth.clearPin}
      </button>
      <button type="button" className="auth-pad__key" tabIndex={-1} disabled={disabled} onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className="auth-pad__key auth-pad__key--muted" tabIndex={-1} disabled={disabled} onClick={onBackspace} aria-label={vi.auth.backspace}>
        ⌫
      </button>
    </div>
  );
}
