export { ScanPanel } from './ScanPanel';
export { PdfViewer } from './PdfViewer';
export { ScanningScreen } from './ScanningScreen';
