export { DocumentPreviewDialog } from './DocumentPreviewDialog';
export { DossierDocuments } from './DossierDocuments';
export { PrinterSettingsPanel } from './PrinterSettingsPanel';
export { PrintHistory } from './PrintHistory';
export { PrintReceiptButton } from './PrintReceiptButton';
export { historyKey, usePrintDocument, usePrintReceipt, useReprint } from './usePrintReceipt';
