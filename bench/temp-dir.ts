import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for one benchmark's files; `remove` deletes it (also on failure). */
export function tempDir(prefix: string, root = process.env.BENCH_TMPDIR || tmpdir()): { path: string; remove(): void } {
  const path = mkdtempSync(join(root, `helpdesk-bench-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
