import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { ScanPanel } from './ScanPanel';
import { vi } from '../../../../shared/i18n/vi';

const scanText = vi.scanningUi;

/** The `scanning` route: open a dossier by its code, then the scan panel. */
export function ScanningScreen() {
  const [code, setCode] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    if (c) setOpen(c);
  };
  return (
    <section className="scanning">
      <h1>{scanText.title}</h1>
      <form className="scanning-open" onSubmit={submit}>
        <TextField label={scanText.dossierCode} hint={scanText.dossierHint} value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
        <Button type="submit" variant="primary">
          {scanText.open}
        </Button>
      </form>
      {open ? <ScanPanel key={open} dossierCode={open} /> : null}
    </section>
  );
}
