import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { vi } from '../../../../shared/i18n/vi';
import { UnitProfileForm } from '../setup/UnitProfileForm';

export function SettingsScreen({ unit, onSaved }: { unit: UnitProfile; onSaved(profile: UnitProfile): void }) {
  return (
    <section className="page">
      <h1 className="page__title">{vi.nav.settings}</h1>
      <div className="card">
        <h2>{vi.setup.editTitle}</h2>
        <p className="form__hint">{vi.setup.editIntro}</p>
        <UnitProfileForm initial={unit} submitLabel={vi.setup.submitEdit} onSaved={onSaved} />
      </div>
    </section>
  );
}
