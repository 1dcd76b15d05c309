import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { vi } from '../../../../shared/i18n/vi';
import { UnitProfileForm } from './UnitProfileForm';
import { Icon } from '../../components/Icon';

/** Shown on a fresh data folder, before anything else: the desk cannot number dossiers without it. */
export function SetupScreen({ onSaved }: { onSaved(profile: UnitProfile): void }) {
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
        <h1>{vi.setup.title}</h1>
        <p className="setup__intro">{vi.setup.intro}</p>
        <UnitProfileForm initial={null} submitLabel={vi.setup.submit} onSaved={onSaved} />
      </div>
    </div>
  );
}
