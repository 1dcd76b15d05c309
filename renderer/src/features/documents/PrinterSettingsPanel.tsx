import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FORM_KINDS, type PrintSettings } from '../../../../shared/contract/documents.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toast';
import { rpc } from '../../rpc/client';

const t = vi.documentsUi;

/** Settings screen panel (the screen gives it its card and title): printer, copies and paper per form, with the printers the system knows. */
export function PrinterSettingsPanel() {
  const toast = useToast();
  const qc = useQueryClient();
  const printers = useQuery({ queryKey: ['printers.list'], queryFn: () => rpc.invoke('printers.list') });
  const settings = useQuery({ queryKey: ['printers.getSettings'], queryFn: () => rpc.invoke('printers.getSettings') });
  const [draft, setDraft] = useState<PrintSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data && !draft) setDraft(settings.data);
  }, [settings.data, draft]);

  const known = printers.data?.printers ?? [];
  const set = (kind: (typeof FORM_KINDS)[number], patch: Partial<PrintSettings['forms']['01']>) =>
    setDraft((d) => (d ? { forms: { ...d.forms, [kind]: { ...d.forms[kind], ...patch } } } : d));

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setError(null);
    try {
      const r = await rpc.call('printers.saveSettings', draft);
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      qc.setQueryData(['printers.getSettings'], r.value);
      setDraft(r.value);
      toast('success', t.settingsSaved);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="documents-settings" data-testid="printer-settings">
      <p className="form__hint">{t.settingsIntro}</p>
      {printers.data ? <p className="form__hint">{t.adapter(printers.data.adapter)}</p> : null}
      {printers.data?.problem ? (
        <p className="form__error" role="alert">
          {printers.data.problem}
        </p>
      ) : printers.data && known.length === 0 ? (
        <p className="form__error" role="alert">
          {t.noPrinters}
        </p>
      ) : null}
      {settings.isError ? (
        <p className="form__error" role="alert">
          {(settings.error as Error).message}
        </p>
      ) : null}
      {draft ? (
        <table className="table table--compact">
          <caption className="table__caption">{t.settingsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colForm}</th>
              <th scope="col">{t.printer}</th>
              <th scope="col">{t.copies}</th>
              <th scope="col">{t.paper}</th>
            </tr>
          </thead>
          <tbody>
            {FORM_KINDS.map((kind) => {
              const row = draft.forms[kind];
              const missing = row.printer !== null && !known.some((p) => p.name === row.printer);
              return (
                <tr key={kind}>
                  <th scope="row">
                    {t.formShort(kind)} <span className="documents-settings__name">{t.formNames[kind]}</span>
                  </th>
                  <td>
                    <select className="field__input" aria-label={`${t.printer} – ${t.formShort(kind)}`} value={row.printer ?? ''} onChange={(e) => set(kind, { printer: e.target.value || null })}>
                      <option value="">{t.systemDefault}</option>
                      {known.map((p) => (
                        <option key={p.name} value={p.name}>
                          {p.description ? `${p.name} – ${p.description}` : p.name}
                          {p.state === 'stopped' ? ` ${t.stateStopped}` : ''}
                        </option>
                      ))}
                      {missing ? <option value={row.printer!}>{row.printer}</option> : null}
                    </select>
                  </td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={99}
                      className="field__input documents-settings__copies"
                      aria-label={`${t.copies} – ${t.formShort(kind)}`}
                      value={row.copies}
                      onChange={(e) => set(kind, { copies: Math.max(1, Math.min(99, Math.trunc(Number(e.target.value)) || 1)) })}
                    />
                  </td>
                  <td>
                    {kind === '01' ? (
                      <select className="field__input" aria-label={`${t.paper} – ${t.formShort(kind)}`} value={row.paper} onChange={(e) => set(kind, { paper: e.target.value as 'A4' | 'A5' })}>
                        <option value="A4">A4</option>
                        <option value="A5">A5</option>
                      </select>
                    ) : (
                      'A4'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p>{vi.common.loading}</p>
      )}
      {error ? (
        <p className="form__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form__actions">
        <Button onClick={() => void printers.refetch()} busy={printers.isFetching}>
          {t.refreshPrinters}
        </Button>
        <Button variant="primary" onClick={() => void save()} busy={saving} disabled={!draft} data-testid="save-print-settings">
          {t.saveSettings}
        </Button>
      </div>
    </div>
  );
}
