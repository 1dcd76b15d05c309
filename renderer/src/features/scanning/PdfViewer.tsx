import { PdfPages } from '../../components/PdfPages';
import { fileUrl } from '../../rpc/client';

/** A stored scan (the host serves it at /files/<id>; the desktop app via app://), drawn page by page. */
export function PdfViewer({ fileId, title }: { fileId: string; title: string }) {
  return <PdfPages url={fileUrl(fileId)} title={title} testId={`pdf-viewer-${fileId}`} />;
}
