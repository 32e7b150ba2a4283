import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { env } from '../../platform/env';

/** SHA-256 hex of the bytes: the content address of uploads and attachments. */
export function hashBytes(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores bytes under `<dataDir>/uploads/<aa>/<hash>` and returns the path relative to the data dir.
 * Content-addressed and written through a temporary file + rename, so a repeat is a no-op and a killed
 * process never leaves a truncated file under the final name.
 */
export async function storeBytes(bytes: Uint8Array): Promise<{ contentHash: string; storagePath: string }> {
  const contentHash = hashBytes(bytes);
  const storagePath = path.posix.join('uploads', contentHash.slice(0, 2), contentHash);
  const absolute = path.join(env.dataDir, storagePath);
  try {
    await fs.access(absolute);
  } catch {
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    const temporary = `${absolute}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, absolute);
  }
  return { contentHash, storagePath };
}

/** Reads a stored file back. */
export async function readStoredBytes(storagePath: string): Promise<Uint8Array> {
  return new Uint8Array(await fs.readFile(path.join(env.dataDir, storagePath)));
}
