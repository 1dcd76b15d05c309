/**
 * Scan-to-folder: a network scanner drops whole files into a shared folder. The adapter
 * (adapters/scanner/folder.ts) watches it and hands over each complete new file.
 */
export interface FolderFileOffer {
  name: string;
  kind: 'pdf' | 'png' | 'jpeg' | 'tiff';
  bytes: Buffer;
}

export interface ScanFolderPort {
  watch(dir: string, onFile: (file: FolderFileOffer) => void, onError: (err: unknown) => void): Promise<{ close(): Promise<void> }>;
}
