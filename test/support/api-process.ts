import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { apiEntry } from './build-once';
import { freePort } from './free-port';
import { mongoEnv } from './mongo-env';
import { waitUntil } from './wait';

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** The first admin the spawned API creates at start (there is no default; tests say so too). */
export const FIRST_ADMIN = { ADMIN_EMAIL: 'first-admin@helpdesk.test', ADMIN_PASSWORD: 'a test password nobody reuses' };

/**
 * Starts the built API as a real process (optionally wrapped, e.g. in `unshare`) on a free port;
 * resolves once it answers. A fixed port could be held by another test's process or by any
 * outgoing connection, so each start probes for a free one and tries another if it was taken
 * between the probe and the API's bind.
 */
export async function startApi(dataDir: string, env: Record<string, string> = {}, wrap?: (command: string[]) => string[]): Promise<ApiProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startApiOn(dataDir, await freePort(), env, wrap);
    } catch (error) {
      if (attempt === 5 || !/EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

async function startApiOn(dataDir: string, port: number, env: Record<string, string>, wrap?: (command: string[]) => string[]): Promise<ApiProcess> {
  const command = wrap ? wrap([process.execPath, apiEntry]) : [process.execPath, apiEntry];
  // The rate limit is set above what these tests send: test/e2e/abuse-limits.test.ts tests it.
  // consistentWith reads may wait long: a busy machine projects slowly.
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), RATE_LIMIT: '1000000', CONSISTENCY_WAIT_MS: '30000', ...FIRST_ADMIN, ...mongoEnv(dataDir), ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil('the API to answer /health/live', async () => {
      if (child.exitCode !== null) throw new Error(`API exited early:\n${output}`);
      return fetch(`${url}/health/live`).then((r) => r.ok, () => false);
    });
  } catch (error) {
    await killHard(child);
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { child, url, output: () => output };
}

/** Runs a command to completion and returns its exit code and output. */
export function runToExit(command: string[], env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(command[0], command.slice(1), { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
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

export interface SignedInCast {
  admin: Record<string, string>;
  customer: Record<string, string>;
  agent: Record<string, string>;
}

/**
 * Through the API like a person would: the first admin signs in with the password from the
 * environment, creates a customer and an agent with passwords, and each signs in. Answers
 * Authorization headers. On a restart (the accounts exist) it signs the same people in again.
 */
export async function signInCast(url: string): Promise<SignedInCast> {
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json().catch(() => null)) as { accessToken?: string } | null };
  };
  const signIn = async (email: string, password: string) => {
    const res = await call('POST', '/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { Authorization: `Bearer ${res.body!.accessToken}` };
  };
  const admin = await signIn(FIRST_ADMIN.ADMIN_EMAIL, FIRST_ADMIN.ADMIN_PASSWORD);
  const password = 'another long test password';
  for (const [email, role] of [['ayesha@example.pk', 'customer'], ['ali@helpdesk.test', 'agent']]) {
    const res = await call('POST', '/users', { email, name: email, role, password }, admin);
    if (res.status !== 201 && res.status !== 409) throw new Error(`creating ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return { admin, customer: await signIn('ayesha@example.pk', password), agent: await signIn('ali@helpdesk.test', password) };
}
