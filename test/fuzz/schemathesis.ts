import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { admin, newTicket, startTestApp, TestApp } from '../support/test-app';
import { UserRole } from '@helpdesk/identity';

/** Pinned; .ci/run installs exactly this into a virtualenv under the cache folder. */
export const SCHEMATHESIS_VERSION = '4.32.5';

const CACHE = process.env.HELPDESK_CACHE ?? join(homedir(), '.cache', 'helpdesk');

/** The schemathesis executable: SCHEMATHESIS_BIN, the cache folder's virtualenv, or none. */
export function findSchemathesis(): string | null {
  const candidates = [process.env.SCHEMATHESIS_BIN, join(CACHE, 'schemathesis-venv', 'bin', 'schemathesis')].filter((c): c is string => !!c);
  return candidates.find((c) => existsSync(c)) ?? null;
}

export const ROLES: UserRole[] = ['customer', 'agent', 'supervisor', 'auditor', 'analyst', 'admin'];

// These two end the session the fuzzer signs in with, so they run last, in a pass of their own.
const SESSION_ENDING = ['/auth/logout', '/auth/password'];

export interface FuzzOptions {
  schemathesis: string;
  /** Test cases per operation and phase. */
  maxExamples: number;
  seed: number;
  phases: string;
  reportDir: string;
  /** schemathesis checks to run (`all` by default). */
  checks?: string;
  roles?: UserRole[];
  log?: (line: string) => void;
}

export interface RoleResult {
  role: UserRole;
  exitCode: number | null;
  operations: number;
  requests: number;
  failures: string[];
  output: string;
}

/**
 * Starts the real app on a temporary DATA_DIR for each role, makes that role's account and signs
 * in through the API, then lets schemathesis test every operation of the app's own OpenAPI
 * document with that token (all checks: no 5xx, statuses, content types, headers and bodies as
 * documented). Each role gets a fresh app, so one role's fuzzing never changes another's world.
 */
export async function fuzzApi(options: FuzzOptions): Promise<RoleResult[]> {
  const results: RoleResult[] = [];
  for (const role of options.roles ?? ROLES) {
    // A generated consistentWith is nearly always a position never written: a short wait keeps
    // each such read to a moment (it still answers the documented 503).
    const t = await startTestApp({ env: { RATE_LIMIT: '0', CONSISTENCY_WAIT_MS: '50', AUTH_ACCESS_TOKEN_TTL_SECONDS: '3600', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000' } });
    try {
      const token = await signUp(t, role);
      const dir = join(options.reportDir, role);
      mkdirSync(dir, { recursive: true });
      // GET /live is an endless event stream: a fuzzer's request to it would only end with the token.
      const main = await run(options, t, token, dir, 'main', [...SESSION_ENDING, '/live'].flatMap((p) => ['--exclude-path', p]));
      const last = await run(options, t, token, dir, 'session', SESSION_ENDING.flatMap((p) => ['--include-path', p]));
      const result: RoleResult = {
        role,
        exitCode: main.exitCode !== 0 ? main.exitCode : last.exitCode,
        operations: main.operations + last.operations,
        requests: main.requests + last.requests,
        failures: [...main.failures, ...last.failures],
        output: `${main.output}\n${last.output}`,
      };
      options.log?.(`${role}: ${result.operations} operations, ${result.requests} requests, ${result.failures.length} failures (exit ${result.exitCode})`);
      results.push(result);
    } finally {
      await t.destroy();
    }
  }
  return results;
}

/** An account of `role` made by the admin through POST /users, signed in through POST /auth/login. */
async function signUp(t: TestApp, role: UserRole): Promise<string> {
  const email = `fuzz-${role}@helpdesk.test`;
  const password = 'a fuzzing password of some length';
  const created = await t.http.post('/users').set(t.as(admin)).send({ email, name: `Fuzz ${role}`, role, password, ...(role === 'agent' ? { teams: ['support'] } : {}) });
  if (created.status !== 201) throw new Error(`POST /users answered ${created.status}: ${created.text}`);
  const login = await t.http.post('/auth/login').send({ email, password });
  if (login.status !== 200) throw new Error(`POST /auth/login answered ${login.status}: ${login.text}`);
  // Something to read: a ticket of the fuzzing customer's (staff reach every ticket).
  await t.http.post('/tickets').set(t.as(admin)).send(newTicket({ customer: { name: 'Fuzz', email } }));
  return login.body.accessToken as string;
}

async function run(options: FuzzOptions, t: TestApp, token: string, dir: string, pass: string, filters: string[]) {
  const base = t.url.replace('[::1]', '127.0.0.1');
  const report = join(dir, `${pass}.json`);
  const args = [
    'run',
    `${base}/api/docs/openapi.json`,
    '--url', base,
    '--header', `Authorization: Bearer ${token}`,
    '--checks', options.checks ?? 'all',
    '--phases', options.phases,
    '--max-examples', String(options.maxExamples),
    '--seed', String(options.seed),
    '--workers', '1',
    '--no-color',
    '--report', 'json',
    '--report-json-path', report,
    ...filters,
  ];
  const { exitCode, output } = await spawnCollect(options.schemathesis, args);
  return { exitCode, output, ...summarize(report, output) };
}

function spawnCollect(command: string, args: string[]): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
}

function summarize(_report: string, output: string): { operations: number; requests: number; failures: string[] } {
  const operations = /Tested:\s+(\d+)/.exec(output);
  const requests = /(\d+) generated/.exec(output);
  const failures = [...output.matchAll(/^_{3,} (.+?) _{3,}$/gm)].map((m) => m[1]).filter((name) => name !== 'FAILURES');
  return { operations: operations ? Number(operations[1]) : 0, requests: requests ? Number(requests[1]) : 0, failures };
}
