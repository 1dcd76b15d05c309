import type { ComponentRef, DossierScan } from '../../../../shared/contract/scans.schema';
import { vi } from '../../../../shared/i18n/vi';
import { Button } from '../../components/Button';
import { PdfViewer } from './PdfViewer';

const t = vi.scanningUi;
const d = vi.scanDevices;

/** A dossier's stored scans (detached ones kept for the record), with a viewer and "Gỡ" asking the reason. */
export function StoredScans({
  scans,
  componentLabel,
  viewing,
  onView,
  onDetach,
}: {
  scans: DossierScan[];
  componentLabel(c: ComponentRef): string;
  viewing: string | null;
  onView(fileId: string | null): void;
  onDetach(scanId: string, reason: string): void;
}) {
  return (
  <section className="scanning-stored">
    <h2>{t.stored}</h2>
    {scans.length === 0 ? <p>{t.none}</p> : null}
    <ul>
      {scans.map((s) => (
        <li key={s.id} className={s.detachedAt ? 'scanning-stored--detached' : undefined}>
          <span>
            {componentLabel(s.component)} — {s.fileName} · {d.storedFacts(s.pageCount, s.dpi, s.mode ? d.modes[s.mode] : null)}
            {s.detachedAt ? ` (${d.detached(s.detachReason ?? '')})` : ''}
          </span>{' '}
          <Button onClick={() => onView(s.fileId)}>{t.view}</Button>
          {!s.detachedAt ? (
            <Button
              variant="ghost"
              onClick={() => {
                const reason = window.prompt(t.detachReason);
                if (reason && reason.trim()) onDetach(s.id, reason);
              }}
            >
              {t.detach}
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
    {viewing ? (
      <div className="scanning-viewer-wrap">
        <Button onClick={() => onView(null)}>{t.close}</Button>
        <PdfViewer fileId={viewing} title={t.viewerTitle} />
      </div>
    ) : null}
  </section>
  );
}
