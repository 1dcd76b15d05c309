import { useState, type ReactNode } from 'react';
import type { UnitProfile } from '../../../../shared/contract/unit.schema';
import { vi } from '../../../../shared/i18n/vi';
import { CalendarPanel } from '../calendar/CalendarPanel';
import { CataloguePanel } from '../catalogue/CataloguePanel';
import { UnitProfileForm } from '../setup/UnitProfileForm';
import { UsersPanel } from '../auth/UsersPanel';
import { OfficePanel } from '../office/OfficePanel';
import { BackupPanel } from '../backup/BackupPanel';
import { PrinterSettingsPanel } from '../documents/PrinterSettingsPanel';
import { RecipientsPanel } from '../handover/RecipientsPanel';

interface Section {
  id: string;
  label: string;
  render(): ReactNode;
}

/**
 * Settings is a set of panels, one per concern (unit, catalogue, calendar, printers, scanner,
 * users, backups…). Each feature contributes its panel here as one entry of `sections`.
 */
export function SettingsScreen({ unit, onSaved }: { unit: UnitProfile; onSaved(profile: UnitProfile): void }) {
  const sections: Section[] = [
    {
      id: 'unit',
      label: vi.setup.editTitle,
      render: () => (
        <>
          <p className="form__hint">{vi.setup.editIntro}</p>
          <UnitProfileForm initial={unit} submitLabel={vi.setup.submitEdit} onSaved={onSaved} />
        </>
      ),
    },
    { id: 'catalogue', label: vi.catalogueUi.title, render: () => <CataloguePanel /> },
    { id: 'calendar', label: vi.calendarUi.title, render: () => <CalendarPanel /> },
    { id: 'printing', label: vi.documentsUi.settingsTitle, render: () => <PrinterSettingsPanel /> },
    { id: 'users', label: vi.auth.usersTitle, render: () => <UsersPanel /> },
    { id: 'recipients', label: vi.handover.title, render: () => <RecipientsPanel /> },
    { id: 'office', label: vi.office.title, render: () => <OfficePanel /> },
    { id: 'backup', label: vi.backupUi.title, render: () => <BackupPanel /> },
  ];
  const [current, setCurrent] = useState(sections[0]!.id);
  const section = sections.find((s) => s.id === current) ?? sections[0]!;
  return (
    <section className="page">
      <h1 className="page__title">{vi.nav.settings}</h1>
      <div className="tabs" role="tablist" aria-label={vi.nav.settings}>
        {sections.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            id={`tab-${s.id}`}
            aria-selected={s.id === section.id}
            aria-controls={`panel-${s.id}`}
            className={`tabs__tab${s.id === section.id ? ' tabs__tab--active' : ''}`}
            onClick={() => setCurrent(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div className="card" role="tabpanel" id={`panel-${section.id}`} aria-labelledby={`tab-${section.id}`}>
        <h2>{section.label}</h2>
        {section.render()}
      </div>
    </section>
  );
}
