import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { apiEntry } from './build-once';

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the built API as a real process (optionally wrapped, e.g. in `unshare`); resolves once it answers. */
export async function startApi(dataDir: string, port: number, env: Record<string, string> = {}, wrap?: (command: string[]) => string[]): Promise<ApiProcess> {
  const command = wrap ? wrap([process.execPath, apiEntry]) : [process.execPath, apiEntry];
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`API exited early:\n${output}`);
    const up = await fetch(`${url}/health/live`).then((r) => r.ok, () => false);
    if (up) return { child, url, output: () => output };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`API did not start:\n${output}`);
}

/** Runs a command to completion and returns its exit code and output. */
export function runToExit(command: string[], env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(command[0], command.slice(1), { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export const killHard = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** True when this machine lets us mount a private tmpfs (root with mount namespaces). */
export function canUseMountNamespaces(): boolean {
  return spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'], { stdio: 'ignore' }).status === 0;
}
