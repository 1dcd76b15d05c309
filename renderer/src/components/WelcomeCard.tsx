import type { ReactNode } from 'react';
import { vi } from '../../../shared/i18n/vi';
import { Icon } from './Icon';

/** The full-page card of the first-run steps (unit set-up, first admin) and sign-in. */
export function WelcomeCard({ title, intro, step, children }: { title: string; intro: ReactNode; step?: string; children: ReactNode }) {
  return (
    <div className="setup">
      <div className="setup__card">
        <div className="setup__brand">
          <span className="setup__logo">
            <Icon name="brand" size={26} />
          </span>
          <span>
            {vi.app.name} · {vi.app.tagline}
          </span>
        </div>
        {step ? (
          <p className="setup__step" data-testid="setup-step">
            {step}
          </p>
        ) : null}
        <h1>{title}</h1>
        <p className="setup__intro">{intro}</p>
        {children}
      </div>
    </div>
  );
}
