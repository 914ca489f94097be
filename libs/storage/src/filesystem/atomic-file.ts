import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Flushes a directory's entries, so a rename into it survives a power cut. */
export async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Renames a flushed `temporary` to `target` and flushes `target`'s directory: all or nothing, durably. */
export async function renameDurably(temporary: string, target: string): Promise<void> {
  await rename(temporary, target);
  await fsyncDirectory(dirname(target));
}

/** Writes a small file atomically: readers see the old content or the new, never a part. */
export async function writeFileAtomically(temporary: string, target: string, content: string): Promise<void> {
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(content);
  } catch (error) {
    await handle.close();
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await renameDurably(temporary, target);
}
