import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { AppError } from '../../../shared/errors';
import { digitizeVi } from '../../../shared/i18n/vi/digitize';
import { sniffKind, type FileKind } from '../../../shared/domain/file-kind';

/**
 * Scan-to-folder: network scanners and copiers drop PDFs/JPEGs/TIFFs into a shared folder. This
 * watches that folder and emits each NEW file once it is complete (size unchanged for `stableMs`
 * and, for types that have one, the end marker present). Types are judged by content; other files
 * (Thumbs.db, .tmp, half-copied files) are skipped.
 */
export interface FolderFile {
  path: string;
  name: string;
  kind: FileKind;
  bytes: Buffer;
}

export interface ScanFolderOptions {
  /** Size must stay the same this long before a file counts as written (default 1500 ms). */
  stableMs?: number;
  pollMs?: number;
  /** Polling for SMB/NFS shares where change events do not arrive. */
  usePolling?: boolean;
  /** Larger files are skipped (default 300 MB). */
  maxBytes?: number;
  onSkip?: (path: string, why: 'unsupported' | 'too_large' | 'incomplete' | 'unreadable') => void;
  onError?: (err: unknown) => void;
}

export interface ScanFolderWatch {
  close(): Promise<void>;
}

export async function watchScanFolder(dir: string, onFile: (file: FolderFile) => void, opts: ScanFolderOptions = {}): Promise<ScanFolderWatch> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    throw new AppError('device_unavailable', digitizeVi.folderMissing(dir), { cause: e });
  }
  const stableMs = opts.stableMs ?? 1500;
  const pollMs = opts.pollMs ?? Math.min(250, Math.max(25, Math.floor(stableMs / 4)));
  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: true,
    depth: 0,
    usePolling: opts.usePolling ?? false,
    interval: pollMs,
    awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: pollMs },
    // Hidden files and the temp names copiers and browsers write first.
    ignored: (p: string) => /(^|[/\\])\.[^/\\]+$|\.(part|tmp|crdownload|partial)$|~$/i.test(p),
  });

  const handle = async (path: string) => {
    try {
      const st = await stat(path);
      if (!st.isFile()) return;
      if (st.size > (opts.maxBytes ?? 300 * 1024 * 1024)) return opts.onSkip?.(path, 'too_large');
      let bytes = await readFile(path);
      let kind = sniffKind(bytes);
      if (!kind) return opts.onSkip?.(path, 'unsupported');
      if (!hasEndMarker(bytes, kind)) {
        // Some devices pause mid-file longer than stableMs: one more quiet period before giving up.
        await new Promise((r) => setTimeout(r, stableMs));
        bytes = await readFile(path);
        kind = sniffKind(bytes);
        if (!kind || !hasEndMarker(bytes, kind)) return opts.onSkip?.(path, 'incomplete');
      }
      onFile({ path, name: basename(path).normalize('NFC'), kind, bytes });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return opts.onSkip?.(path, 'unreadable');
      opts.onError?.(e);
    }
  };

  watcher.on('add', (p) => {
    if (typeof p === 'string') void handle(p);
  });
  watcher.on('error', (e) => opts.onError?.(e));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { close: () => watcher.close() };
}

/** Whether the bytes end like a finished file of that type (TIFF has no end marker). */
export function hasEndMarker(b: Uint8Array, kind: FileKind): boolean {
  const n = b.length;
  if (kind === 'png') return n >= 12 && b[n - 8] === 0x49 && b[n - 7] === 0x45 && b[n - 6] === 0x4e && b[n - 5] === 0x44;
  if (kind === 'jpeg') {
    // EOI, possibly followed by padding some cameras append.
    for (let i = n - 2; i >= Math.max(0, n - 1024); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
    return false;
  }
  if (kind === 'pdf') {
    const tail = Buffer.from(b.subarray(Math.max(0, n - 1024))).toString('latin1');
    return tail.includes('%%EOF');
  }
  return true;
}
