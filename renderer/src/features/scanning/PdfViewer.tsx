import { fileUrl } from '../../rpc/client';

/** A stored PDF in an iframe (the host serves it at /files/<id>; the desktop app via app://). */
export function PdfViewer({ fileId, title }: { fileId: string; title: string }) {
  return <iframe className="scanning-viewer" title={title} src={fileUrl(fileId)} data-file-id={fileId} />;
}
