import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { vi } from '../../../../shared/i18n/vi';
import { WelcomeCard } from '../../components/WelcomeCard';
import { UnitProfileForm } from './UnitProfileForm';

/** Shown on a fresh data folder, before anything else: the desk cannot number dossiers without it. */
export function SetupScreen({ onSaved }: { onSaved(profile: UnitProfile): void }) {
  return (
    <WelcomeCard title={vi.setup.title} intro={vi.setup.intro} step={vi.setup.step(1, 2)}>
      {/* No toast: the next step's card says it was saved (a toast would cover the card). */}
      <UnitProfileForm initial={null} submitLabel={vi.setup.submit} onSaved={onSaved} quiet />
    </WelcomeCard>
  );
}
