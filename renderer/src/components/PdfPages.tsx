import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';
import { useEffect, useRef, useState } from 'react';
import { vi } from '../../../shared/i18n/vi';

// PDF.js parses in a worker served from our own origin (the CSP allows workers from 'self'). Vite
// bundles it as a plain .js chunk, which every static server here types as JavaScript; one worker
// serves every document the app opens, created when the first one is.
let worker: Worker | null = null;
function ensureWorker(): void {
  worker ??= new PdfWorker();
  GlobalWorkerOptions.workerPort = worker;
}

/** CSS pixels a page is drawn at; the canvas gets the screen's pixel ratio on top, so text stays sharp. */
const PAGE_WIDTH = 820;

/**
 * A stored PDF drawn page by page with PDF.js. Not an <iframe>: Chromium's PDF viewer is a plugin that
 * Electron does not load in frames of a custom protocol (and headless Chromium has none), so the
 * desktop app would show an empty box. The bytes come from the same address an <img> or a download
 * link would use; pages appear one after another, so a long scan shows its first page at once.
 */
/** `focusPage` (1-based) is scrolled into view once drawn: a search hit opens on its page. */
export function PdfPages({ url, title, testId, focusPage }: { url: string; title: string; testId?: string; focusPage?: number }) {
  const pagesRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'shown'; pages: number } | { kind: 'failed' }>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    let doc: PDFDocumentProxy | null = null;
    const box = pagesRef.current;
    setState({ kind: 'loading' });
    box?.replaceChildren();
    (async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const data = new Uint8Array(await res.arrayBuffer());
      if (cancelled) return;
      ensureWorker();
      // No eval (the CSP forbids it) and no fonts fetched from elsewhere: everything needed is in the file.
      doc = await getDocument({ data, isEvalSupported: false, useSystemFonts: false }).promise;
      for (let n = 1; n <= doc.numPages && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: PAGE_WIDTH / base.width });
        const ratio = window.devicePixelRatio || 1;
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(viewport.width * ratio);
        canvas.height = Math.round(viewport.height * ratio);
        canvas.style.width = `${Math.round(viewport.width)}px`;
        canvas.className = 'pdf-pages__page';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', vi.common.pdfPage(n, doc.numPages));
        box?.append(canvas);
        await page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
        if (n === focusPage && !cancelled) {
          canvas.dataset.focused = 'true';
          canvas.scrollIntoView({ block: 'start' });
        }
        if (!cancelled) setState({ kind: 'shown', pages: n });
      }
    })().catch((e: unknown) => {
      // Kept in the console for whoever looks after the desk; the clerk sees the message below.
      console.error('PdfPages', e);
      if (!cancelled) setState({ kind: 'failed' });
    });
    return () => {
      cancelled = true;
      void doc?.destroy();
    };
  }, [url, focusPage]);

  return (
    <div className="pdf-pages" role="document" aria-label={title} data-testid={testId} data-pages={state.kind === 'shown' ? state.pages : undefined}>
      {state.kind === 'loading' && <p className="pdf-pages__status">{vi.common.pdfLoading}</p>}
      {state.kind === 'failed' && (
        <p className="pdf-pages__status" role="alert">
          {vi.common.pdfFailed}
        </p>
      )}
      <div ref={pagesRef} className="pdf-pages__list" />
    </div>
  );
}
