import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DestinationStream } from 'pino';
import { UserAccounts } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { hashPassword, hashSecret, IdentityError, UserRole } from '@helpdesk/identity';
import { ManualClock } from '@helpdesk/shared';
import { AccessTokens } from '../../apps/api/src/auth/access-tokens';
import { createApp } from '../../apps/api/src/create-app';
import { dropMongoDatabase, mongoEnv } from './mongo-env';

/** Someone the test acts as: a real account in the test app's event store. */
export interface TestUser {
  id: string;
  role: UserRole;
  email: string;
  teams?: string[];
  /** Given: the account can sign in with it (hashing costs ~0.3 s, so the cast has none). */
  password?: string;
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  url: string;
  clock: ManualClock;
  dataDir: string;
  /**
   * `Authorization: Bearer <access token>` for `user`: a token the app's own AccessTokens signs
   * at the app's current time, for a live session of a registered account. The guard checks it
   * like any other (signature, expiry, account active, session live, role current).
   */
  as(user: TestUser): Record<string, string>;
  /** Registers an account (and a session for `as`) beyond the default cast. */
  addUser(user: TestUser): Promise<void>;
  /** Authorization headers for a new session of a registered user (for tests that end one). */
  newSession(user: TestUser): Promise<Record<string, string>>;
  /** Closes the app; the data directory stays for a restart. */
  stop(): Promise<void>;
  /** Closes the app and deletes its data. */
  destroy(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'helpdesk-test-'));
}

export const customer: TestUser = { id: 'cust-ayesha', role: 'customer', email: 'ayesha@example.pk' };
export const otherCustomer: TestUser = { id: 'cust-bilal', role: 'customer', email: 'bilal@example.pk' };
export const agent = (id = 'agent-ali'): TestUser => ({ id, role: 'agent', email: `${id}@helpdesk.test` });
export const supervisor: TestUser = { id: 'sup-sana', role: 'supervisor', email: 'sana@helpdesk.test' };
export const auditor: TestUser = { id: 'aud-1', role: 'auditor', email: 'auditor@helpdesk.test' };
export const analyst: TestUser = { id: 'ana-1', role: 'analyst', email: 'analyst@helpdesk.test' };
export const admin: TestUser = { id: 'admin-1', role: 'admin', email: 'admin@helpdesk.test' };

/** Registered in every test app. */
export const CAST: readonly TestUser[] = [customer, otherCustomer, agent('agent-ali'), agent('agent-sara'), supervisor, auditor, analyst, admin];

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The real HTTP app on a temporary DATA_DIR and a clock the test controls, with the cast
 * registered through the real user-account path. The rate limit is set far above what these
 * functional tests send; test/e2e/abuse-limits.test.ts sets low limits to test it.
 */
export async function startTestApp(options: { dataDir?: string; clock?: ManualClock; env?: Record<string, string>; users?: TestUser[]; logStream?: DestinationStream } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDataDir();
  const clock = options.clock ?? new ManualClock('2026-01-05T04:00:00.000Z');
  // Reads with consistentWith may wait long: a busy machine projects slowly, and the tests ask
  // for correctness, not speed (test/e2e/read-side.test.ts sets a short wait to test the 503).
  // Quiet unless a test captures the log lines (logStream).
  const logging = options.logStream ? { logStream: options.logStream, env: { LOG_LEVEL: 'info' } } : { logger: false as const, env: { LOG_LEVEL: 'silent' } };
  const app = await createApp({ env: { DATA_DIR: dataDir, RATE_LIMIT: '1000000', CONSISTENCY_WAIT_MS: '30000', ...mongoEnv(dataDir), ...logging.env, ...options.env }, clock, logger: logging.logger, logStream: logging.logStream });
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close().catch(() => undefined);
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const url = await app.getUrl();
  const accounts = app.get(UserAccounts);
  const tokens = app.get(AccessTokens);
  const sessions = new Map<string, string>();

  const startSession = async (user: TestUser) => {
    const sessionId = randomUUID();
    const expiresAt = new Date(clock.now().getTime() + YEAR_MS).toISOString();
    const refreshTokenHash = hashSecret(randomBytes(32).toString('base64url'));
    await accounts.execute(user.id, { type: 'StartSession', data: { sessionId, refreshTokenHash, expiresAt } }, { actor: { id: user.id, role: user.role }, correlationId: randomUUID() });
    return sessionId;
  };
  const addUser = async (user: TestUser) => {
    const harness = { actor: { id: 'test-harness', role: 'system' as const }, correlationId: randomUUID() };
    const passwordHash = user.password ? await hashPassword(user.password) : null;
    try {
      await accounts.register({ userId: user.id, email: user.email, name: user.id, role: user.role, teams: user.teams ?? [], passwordHash }, harness);
    } catch (error) {
      if (!(error instanceof IdentityError && error.code === 'user_already_exists')) throw error; // a restart on the same data
    }
    sessions.set(user.id, await startSession(user));
  };
  const bearer = (user: TestUser, sessionId: string) => ({ Authorization: `Bearer ${tokens.issue({ id: user.id, role: user.role, teams: user.teams ?? [] }, sessionId)}` });
  for (const user of [...CAST, ...(options.users ?? [])]) await addUser(user);
  // Start idle, as before there were accounts: the projections have applied the cast's events.
  const engine = app.get(ProjectionEngine);
  if (options.env?.RUN_PROJECTIONS !== 'false' && !(await engine.waitFor(await app.get<EventStore>(EVENT_STORE).headPosition(), undefined, 60_000))) {
    await app.close();
    throw new Error('the test app\'s projections did not reach the cast\'s events within 60 s');
  }

  let stopped = false;
  const stop = async () => {
    if (!stopped) await app.close();
    stopped = true;
  };
  return {
    app,
    http: request(url.replace('[::1]', '127.0.0.1')),
    url,
    clock,
    dataDir,
    as: (user: TestUser) => {
      const sessionId = sessions.get(user.id);
      if (!sessionId) throw new Error(`${user.id} is not registered in this test app: pass it in startTestApp({ users }) or await t.addUser(...)`);
      return bearer(user, sessionId);
    },
    addUser,
    newSession: async (user: TestUser) => bearer(user, await startSession(user)),
    stop,
    destroy: async () => {
      await stop();
      if (options.env?.MONGO_URL === undefined) await dropMongoDatabase(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const newTicket = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Cannot sign in to the portal',
  description: 'The sign-in page rejects my password since this morning.',
  channel: 'web',
  customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'ur' },
  category: 'incident',
  errorMessages: ['E401: invalid credentials'],
  stepsToReproduce: '1. Open the portal 2. Sign in',
  impact: 'Cannot file visa applications',
  ...overrides,
});
