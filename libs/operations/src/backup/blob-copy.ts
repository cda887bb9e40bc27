import { createHash, randomUUID } from 'node:crypto';
import { Dirent, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { BackupFile } from './backup-manifest';

/**
 * Copies a content-addressed blob folder (files named by their SHA-256) into another, skipping
 * blobs the destination already holds (same name and size: same content), so a repeated backup
 * copies only new blobs. Each copied blob's content is checked against its name; half-written
 * temporary files of the blob store are left out.
 */
export async function copyBlobs(from: string, to: string, relative = 'blobs'): Promise<{ files: BackupFile[]; copied: number; skipped: number }> {
  const files: BackupFile[] = [];
  let copied = 0;
  let skipped = 0;
  for await (const path of walk(from)) {
    const name = path.slice(from.length + 1);
    const sha256 = name.split('/').pop()!;
    if (!/^[0-9a-f]{64}$/.test(sha256)) continue; // a temporary file, or something that is not a blob
    const destination = join(to, name);
    const size = (await fs.stat(path)).size;
    const there = await fs.stat(destination).catch(() => null);
    if (there?.size === size) {
      skipped++;
    } else {
      const bytes = await fs.readFile(path);
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) throw new Error(`Blob ${name} does not hold the content its name says (sha256 ${actual}).`);
      await fs.mkdir(join(destination, '..'), { recursive: true });
      const temp = `${destination}.${randomUUID()}.tmp`;
      await fs.writeFile(temp, bytes, { mode: 0o600 });
      await fs.rename(temp, destination);
      copied++;
    }
    files.push({ path: `${relative}/${name}`, kind: 'blob', size, sha256 });
  }
  return { files, copied, skipped };
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}
