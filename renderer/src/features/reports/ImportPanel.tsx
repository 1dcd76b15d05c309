/** The import of a commune's past records (CSV/XLSX) on the reports screen (issue 7). */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { rpc } from '../../rpc/client';
import { vi } from '../../../../shared/i18n/vi';

const t = vi.reportsUi;

export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const run = useMutation({
    mutationFn: async () => {
      const bytes = new Uint8Array(await file!.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return rpc.invoke('dossiers.import', { fileName: file!.name, contentBase64: btoa(binary), allOrNothing });
    },
  });
  return (
    <div className="reports__panel">
      <p>{t.import.intro}</p>
      <label className="field">
        <span className="field__label">{t.import.file}</span>
        <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label className="reports__check">
        <input type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} /> {t.import.allOrNothing}
      </label>
      <Button variant="primary" disabled={!file} busy={run.isPending} onClick={() => run.mutate()}>
        {t.import.run}
      </Button>
      {run.isError && <p role="alert">{run.error.message}</p>}
      {run.data && (
        <div role="status">
          <p>{run.data.rejected ? t.import.rejected(run.data.errors.length) : t.import.result(run.data.imported, run.data.duplicates, run.data.errors.length)}</p>
          {run.data.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          {run.data.errors.length > 0 && (
            <ul className="reports__errors">
              {run.data.errors.map((e) => (
                <li key={`${e.line}-${e.message}`}>{e.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
