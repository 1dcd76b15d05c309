import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  busy?: boolean;
  /** Keyboard shortcut shown next to the label, e.g. "Ctrl+S". */
  shortcut?: string;
  children: ReactNode;
}

export function Button({ variant = 'secondary', busy = false, shortcut, children, className, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={`btn btn--${variant}${className ? ` ${className}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="btn__spinner" aria-hidden="true" /> : null}
      <span>{children}</span>
      {shortcut ? <kbd className="btn__kbd">{shortcut}</kbd> : null}
    </button>
  );
}
