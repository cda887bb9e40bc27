import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { INestApplication } from '@nestjs/common';
import { UserAccounts } from '@helpdesk/application';
import { hashSecret, UserRole } from '@helpdesk/identity';
import { AccessTokens } from '../apps/api/src/auth/access-tokens';
import { createApp } from '../apps/api/src/create-app';

/** The accounts the load generator acts as; it is told each one's bearer token. */
export interface BenchAccount {
  id: string;
  role: UserRole;
  email: string;
}

/**
 * Child-process entry: the real HTTP app (createApp, as production builds it) on the DATA_DIR
 * given as argv[2], listening on 127.0.0.1 with an ephemeral port, with the accounts given as
 * JSON in argv[3] registered and signed in, and more settings as JSON in argv[4]. Tells its parent the URL and the tokens, and closes
 * when the parent says 'stop' or goes away. Runs apart from the load generator so the two do not
 * share an event loop. The rate limit is off: the load comes from one address on purpose.
 */
async function main(): Promise<void> {
  const [dataDir, accountsJson, envJson] = process.argv.slice(2);
  if (!dataDir || !process.send) throw new Error('usage: fork(http-app-process.js, [dataDir, accountsJson, envJson?]) with an IPC channel');
  const extra = JSON.parse(envJson ?? '{}') as Record<string, string>;
  const app = await createApp({ env: { DATA_DIR: dataDir, RATE_LIMIT: '0', AUTH_ACCESS_TOKEN_TTL_SECONDS: '3600', LOG_LEVEL: 'warn', ...extra }, logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const tokens = await signIn(app, JSON.parse(accountsJson ?? '[]') as BenchAccount[]);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  const profiler = new Profiler();
  process.on('message', (message: unknown) => {
    if (message === 'stop') void stop();
    else if (isProfileMessage(message)) void profiler.handle(message).then(() => process.send!({ profiled: message.profile }));
  });
  process.on('disconnect', () => void stop());
  process.send({ url, tokens });
}

/** `{ profile: 'start' }`, then `{ profile: 'stop', file }`: a CPU profile of what ran between, written to `file`. */
export interface ProfileMessage {
  profile: 'start' | 'stop';
  file?: string;
}

const isProfileMessage = (m: unknown): m is ProfileMessage => typeof m === 'object' && m !== null && 'profile' in m;

/** Profiles one stretch of the app's life (the measured run alone, not its start or warm-up). */
class Profiler {
  private session: Session | null = null;

  async handle(message: ProfileMessage): Promise<void> {
    if (message.profile === 'start') {
      this.session = new Session();
      this.session.connect();
      await this.session.post('Profiler.enable');
      await this.session.post('Profiler.start');
    } else if (this.session) {
      const { profile } = await this.session.post('Profiler.stop');
      if (message.file) writeFileSync(message.file, JSON.stringify(profile));
      this.session.disconnect();
      this.session = null;
    }
  }
}

/** Registers each account and starts a session for it, as sign-in would (without the password hashing). */
async function signIn(app: INestApplication, accounts: BenchAccount[]): Promise<Record<string, string>> {
  const users = app.get(UserAccounts);
  const issuer = app.get(AccessTokens);
  const tokens: Record<string, string> = {};
  for (const a of accounts) {
    const envelope = { actor: { id: 'bench', role: 'system' as const }, correlationId: randomUUID() };
    await users.register({ userId: a.id, email: a.email, name: a.id, role: a.role, teams: [], passwordHash: null }, envelope);
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    await users.execute(a.id, { type: 'StartSession', data: { sessionId, refreshTokenHash: hashSecret(randomBytes(32).toString('base64url')), expiresAt } }, { actor: { id: a.id, role: a.role }, correlationId: randomUUID() });
    tokens[a.id] = issuer.issue({ id: a.id, role: a.role, teams: [] }, sessionId);
  }
  return tokens;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
