import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, open, rename, rm, stat, writeFile } from 'node:fs/promises';

/** Flush a file's bytes to the device: a USB stick pulled right after "done" must still hold them. */
export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Flush a folder entry (the rename). Windows cannot open folders for this; NTFS journals renames anyway. */
export async function fsyncDir(path: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw e;
  } finally {
    await fh?.close();
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Write text under a temporary name, flush, then rename: readers see the old file or the whole new one. */
export async function writeFileAtomic(path: string, text: string, tmpPath: string): Promise<void> {
  try {
    await writeFile(tmpPath, text, 'utf8');
    await fsyncFile(tmpPath);
    await rename(tmpPath, path);
  } catch (e) {
    await rm(tmpPath, { force: true });
    throw e;
  }
}

export async function removeQuietly(...paths: string[]): Promise<void> {
  for (const p of paths) await rm(p, { force: true }).catch(() => undefined);
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Size in bytes, 0 when the file is missing. */
export async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}
