import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JwtService, JwtSignOptions } from '@nestjs/jwt';
import { EVENT_STORE, EventStore, START } from '@helpdesk/event-store';
import { JWT_SECRET_FILE, resolveJwtSecret } from '../../apps/api/src/auth/jwt-secret';
import { validateSettings } from '../../apps/api/src/config/settings';
import { admin, customer, newTicket, startTestApp, TestApp, TestUser } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const ali: TestUser = { id: 'agent-pw', role: 'agent', email: 'ali.raza@helpdesk.test', password: PASSWORD };
const MINUTE = 60_000;

interface Claims { sub?: string; sid?: string; role?: string; teams?: string[]; iat?: number; exp?: number; iss?: string; aud?: string }
const decode = (token: string) => new JwtService().decode<{ header: Record<string, string>; payload: Claims }>(token, { complete: true });
const without = (claims: Claims, key: keyof Claims) => Object.fromEntries(Object.entries(claims).filter(([k]) => k !== key)) as Claims;
const sign = (payload: Claims, secret: string, options: JwtSignOptions = {}) => new JwtService({ secret }).sign(payload, options);

describe('authentication', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ users: [ali] })));
  afterEach(async () => t.destroy());

  const login = (email = ali.email, password = PASSWORD) => t.http.post('/auth/login').send({ email, password });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = (token: string) => t.http.get('/auth/me').set(bearer(token));

  it('signs in with a password: a short-lived signed access token and an opaque refresh token', async () => {
    const res = await login().expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: ali.id, email: ali.email, role: 'agent' } });
    const claims = decode(res.body.accessToken);
    expect(claims.header).toMatchObject({ alg: 'HS256', typ: 'at+jwt' });
    expect(claims.payload).toMatchObject({ sub: ali.id, role: 'agent', teams: [], iss: 'helpdesk', aud: 'helpdesk-api' });
    expect(claims.payload.exp! - claims.payload.iat!).toBe(900);
    expect(res.body.refreshToken).toMatch(/^hdr\./);
    expect((await me(res.body.accessToken).expect(200)).body).toMatchObject({ id: ali.id, credential: { kind: 'session' } });
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await login(ali.email, 'not the password at all').expect(401);
    const unknown = await login('nobody@helpdesk.test', PASSWORD).expect(401);
    expect(wrong.body).toEqual({ ...unknown.body, instance: wrong.body.instance });
    expect(wrong.body).toMatchObject({ type: 'urn:helpdesk:problem:invalid-credentials', detail: 'The email or the password is wrong.' });
  });

  it('records the authenticated principal as the actor of every event', async () => {
    const { accessToken } = (await login().expect(200)).body;
    const submitted = await t.http.post('/tickets').set(bearer(accessToken)).send(newTicket({ channel: 'phone' })).expect(201);
    const events = await t.http.get(`/tickets/${submitted.body.id}/events`).set(bearer(accessToken)).expect(200);
    expect(events.body[0].metadata.actor).toEqual({ id: ali.id, role: 'agent' });
    // The old headers mean nothing now.
    await t.http.post('/tickets').set({ 'X-Actor-Id': 'admin-1', 'X-Actor-Role': 'admin' }).send(newTicket()).expect(401);
  });

  it('refuses an expired access token, and the refresh token gets a new one', async () => {
    const { accessToken, refreshToken } = (await login().expect(200)).body;
    t.clock.advance(14 * MINUTE);
    await me(accessToken).expect(200);
    t.clock.advance(2 * MINUTE);
    const expired = await me(accessToken).expect(401);
    expect(expired.body.type).toBe('urn:helpdesk:problem:token-expired');
    expect(expired.headers['www-authenticate']).toBe('Bearer realm="helpdesk", error="invalid_token"');
    const refreshed = await t.http.post('/auth/refresh').send({ refreshToken }).expect(200);
    await me(refreshed.body.accessToken).expect(200);
  });

  it('rotates refresh tokens; a reused one ends the session for everyone holding it', async () => {
    const first = (await login().expect(200)).body;
    const second = (await t.http.post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reuse = await t.http.post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.detail).toMatch(/already used/);
    await t.http.post('/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    await me(second.accessToken).expect(401);
  });

  it('refuses malformed tokens with 401 problem+json, never a 500', async () => {
    const { accessToken } = (await login().expect(200)).body;
    const [header, payload] = accessToken.split('.');
    const malformed = [
      'Bearer',
      'Bearer ',
      'Basic YWxpOnB3',
      'bearer',
      `Bearer ${accessToken} extra`,
      'Bearer not-a-jwt',
      'Bearer a.b.c',
      `Bearer ${header}.${payload}`,
      `Bearer ${header}.${payload}.`,
      `Bearer ${'x'.repeat(5000)}`,
      'Bearer hdk.',
      'Bearer hdk.YWdlbnQ.not-a-uuid.secret',
      'Bearer hdr.' + 'a'.repeat(60),
      `Bearer ${Buffer.from('ٹوکن').toString('latin1')}`,
    ];
    for (const value of malformed) {
      const res = await t.http.get('/auth/me').set('Authorization', value);
      expect({ value: value.slice(0, 40), status: res.status, type: res.headers['content-type'] }).toEqual({
        value: value.slice(0, 40),
        status: 401,
        type: expect.stringMatching(/problem\+json/),
      });
    }
    const refresh = await t.http.post('/auth/refresh').send({ refreshToken: 'hdr.garbage' }).expect(401);
    expect(refresh.body.type).toBe('urn:helpdesk:problem:invalid-token');
  });

  it('refuses forged tokens: another key, alg none, a changed claim, an unknown or made-up account', async () => {
    const { accessToken } = (await login().expect(200)).body;
    const real = decode(accessToken).payload;
    const secret = readFileSync(join(t.dataDir, JWT_SECRET_FILE), 'utf8');
    const options: JwtSignOptions = { algorithm: 'HS256', header: { alg: 'HS256', typ: 'at+jwt' } };
    const forged = {
      'another key': sign({ ...real }, 'x'.repeat(64), options),
      'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...real, role: 'admin' })).toString('base64url')}.`,
      'role raised, old signature': `${accessToken.split('.')[0]}.${Buffer.from(JSON.stringify({ ...real, role: 'admin' })).toString('base64url')}.${accessToken.split('.')[2]}`,
      'HS512 with the key': sign({ ...real }, secret, { algorithm: 'HS512', header: { alg: 'HS512', typ: 'at+jwt' } }),
      'no session': sign(without(real, 'sid'), secret, options),
      'made-up session': sign({ ...real, sid: '00000000-0000-4000-8000-000000000000' }, secret, options),
      'unknown account': sign({ ...real, sub: 'nobody' }, secret, options),
      'role claim not the account’s': sign({ ...real, role: 'admin' }, secret, options),
      'other audience': sign({ ...real, aud: 'elsewhere' }, secret, options),
      'plain JWT type': sign({ ...real }, secret, { algorithm: 'HS256' }),
      'no expiry': sign(without(real, 'exp'), secret, options),
    };
    for (const [label, token] of Object.entries(forged)) {
      const res = await me(token);
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
      expect(res.body.type).toMatch(/invalid-token|token-outdated|token-expired/);
    }
    await me(accessToken).expect(200);
  });

  it('ends a session at sign-out: its access and refresh tokens stop at once', async () => {
    const { accessToken, refreshToken } = (await login().expect(200)).body;
    await t.http.post('/auth/logout').set(bearer(accessToken)).expect(204);
    await me(accessToken).expect(401);
    await t.http.post('/auth/refresh').send({ refreshToken }).expect(401);
  });

  it('issues API tokens hashed, shows them once, and a revoked or expired one stops at once', async () => {
    const { accessToken } = (await login().expect(200)).body;
    const issued = await t.http.post('/auth/api-tokens').set(bearer(accessToken)).send({ name: 'CRM sync', expiresInDays: 30 }).expect(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    const token = issued.body.token as string;
    expect(token).toMatch(/^hdk\./);
    expect((await me(token).expect(200)).body).toMatchObject({ id: ali.id, credential: { kind: 'api_token', tokenId: issued.body.id } });
    const listed = await t.http.get('/auth/api-tokens').set(bearer(accessToken)).expect(200);
    expect(listed.body).toEqual([{ id: issued.body.id, name: 'CRM sync', issuedAt: expect.any(String), expiresAt: issued.body.expiresAt, revokedAt: null }]);
    expect(JSON.stringify(listed.body)).not.toContain(token.split('.')[3]);

    // What a leaked integration token must not do: take over its account.
    await t.http.post('/auth/api-tokens').set(bearer(token)).send({ name: 'another' }).expect(403);
    await t.http.post('/auth/password').set(bearer(token)).send({ currentPassword: PASSWORD, newPassword: 'a brand new long password' }).expect(403);

    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    await me(tampered).expect(401);

    await t.http.delete(`/auth/api-tokens/${issued.body.id}`).set(bearer(accessToken)).expect(204);
    const revoked = await me(token).expect(401);
    expect(revoked.body.detail).toMatch(/revoked/);
    await t.http.post('/tickets').set(bearer(token)).send(newTicket({ channel: 'api' })).expect(401);

    const shortLived = (await t.http.post('/auth/api-tokens').set(bearer(accessToken)).send({ name: 'temp', expiresInDays: 1 }).expect(201)).body.token;
    await me(shortLived).expect(200);
    t.clock.advance(24 * 60 * MINUTE + 1);
    await me(shortLived).expect(401);
  });

  it('lets an admin revoke an integration’s token and deactivate accounts, effective at once', async () => {
    const { accessToken } = (await login().expect(200)).body;
    const integration = await t.http.post(`/users/${ali.id}/api-tokens`).set(t.as(admin)).send({ name: 'integration' }).expect(201);
    await me(integration.body.token).expect(200);
    await t.http.delete(`/users/${ali.id}/api-tokens/${integration.body.id}`).set(t.as(admin)).expect(200);
    await me(integration.body.token).expect(401);

    const another = (await t.http.post(`/users/${ali.id}/api-tokens`).set(t.as(admin)).send({ name: 'integration 2' }).expect(201)).body.token;
    await t.http.post(`/users/${ali.id}/deactivate`).set(t.as(admin)).send({ reason: 'left the company' }).expect(200);
    await me(accessToken).expect(401);
    await me(another).expect(401);
    await login().expect(401);
    await t.http.post(`/users/${ali.id}/reactivate`).set(t.as(admin)).send({}).expect(200);
    await me(another).expect(200); // tokens were not revoked, only suspended with the account
    await me(accessToken).expect(401); // sessions ended for good
    await login().expect(200);
  });

  it('makes a token from before a role change refresh first; the new token carries the new role', async () => {
    const { accessToken, refreshToken } = (await login().expect(200)).body;
    await t.http.post(`/users/${ali.id}/role`).set(t.as(admin)).send({ role: 'supervisor' }).expect(200);
    const stale = await me(accessToken).expect(401);
    expect(stale.body.type).toBe('urn:helpdesk:problem:token-outdated');
    const fresh = await t.http.post('/auth/refresh').send({ refreshToken }).expect(200);
    expect(fresh.body.user.role).toBe('supervisor');
    await t.http.get('/workload').set(bearer(fresh.body.accessToken)).expect(200);
  });

  it('changes a password only with the current one, and ends every session', async () => {
    const a = (await login().expect(200)).body;
    const b = (await login().expect(200)).body;
    await t.http.post('/auth/password').set(bearer(a.accessToken)).send({ currentPassword: 'wrong wrong wrong', newPassword: 'a brand new long password' }).expect(403);
    const weak = await t.http.post('/auth/password').set(bearer(a.accessToken)).send({ currentPassword: PASSWORD, newPassword: 'short' }).expect(400);
    expect(weak.body.detail).toMatch(/at least 12/);
    await t.http.post('/auth/password').set(bearer(a.accessToken)).send({ currentPassword: PASSWORD, newPassword: 'a brand new long password' }).expect(204);
    await me(a.accessToken).expect(401);
    await me(b.accessToken).expect(401);
    await t.http.post('/auth/refresh').send({ refreshToken: b.refreshToken }).expect(401);
    await login().expect(401);
    await login(ali.email, 'a brand new long password').expect(200);
  });

  it('keeps emails unique and the password policy, also for admins creating accounts', async () => {
    const dup = await t.http.post('/users').set(t.as(admin)).send({ email: 'ALI.RAZA@helpdesk.test', name: 'Twin', role: 'agent' }).expect(409);
    expect(dup.body.type).toBe('urn:helpdesk:problem:email-taken');
    await t.http.post('/users').set(t.as(admin)).send({ email: 'new@helpdesk.test', name: 'New', role: 'agent', password: 'short' }).expect(400);
    const created = await t.http.post('/users').set(t.as(admin)).send({ email: 'new@helpdesk.test', name: 'New', role: 'customer', password: 'long enough password' }).expect(201);
    expect((await login('new@helpdesk.test', 'long enough password').expect(200)).body.user).toMatchObject({ id: created.body.id, role: 'customer' });
  });

  it('never puts a password hash, a token hash or a token secret in any response', async () => {
    const responses: string[] = [];
    const record = <R extends { text: string; headers: Record<string, unknown> }>(res: R) => (responses.push(res.text + JSON.stringify(res.headers)), res);
    const first = record(await login().expect(200)).body;
    const refreshed = record(await t.http.post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    const issued = record(await t.http.post('/auth/api-tokens').set(bearer(refreshed.accessToken)).send({ name: 'x' }).expect(201)).body;
    const created = record(await t.http.post('/users').set(t.as(admin)).send({ email: 'c@example.com', name: 'C', role: 'customer', password: 'long enough password' }).expect(201)).body;
    record(await t.http.post(`/users/${created.id}/password`).set(t.as(admin)).send({ password: 'another long password' }).expect(200));
    const forOther = record(await t.http.post(`/users/${created.id}/api-tokens`).set(t.as(admin)).send({ name: 'y' }).expect(201)).body;
    const head = (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();
    const reads = [
      t.http.get('/auth/me').set(bearer(refreshed.accessToken)),
      t.http.get('/auth/api-tokens').set(bearer(refreshed.accessToken)),
      t.http.get('/users').query({ consistentWith: head }).set(t.as(admin)),
      t.http.get(`/users/${ali.id}`).set(t.as(admin)),
      t.http.get(`/users/${ali.id}/events`).set(t.as(admin)),
      t.http.get(`/users/${created.id}`).set(t.as(admin)),
      t.http.get(`/users/${created.id}/events`).set(t.as(admin)),
      t.http.get('/projections').set(t.as(admin)),
      t.http.get('/api/docs/openapi.json'),
    ];
    for (const read of reads) {
      const res = record(await read.expect(200));
      if (res.body?.items) expect(res.body.items.length).toBeGreaterThan(5); // the user list did list accounts
    }

    // Every hash the store holds, and every secret handed out.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const hashes: string[] = [];
    for (let after = START; ; ) {
      const batch = await store.readAll(after, 500);
      if (!batch.length) break;
      for (const e of batch) for (const [k, v] of Object.entries(e.data)) if (/hash$/i.test(k) && typeof v === 'string') hashes.push(v);
      after = batch[batch.length - 1].position;
    }
    expect(hashes.filter((h) => h.startsWith('$scrypt$')).length).toBeGreaterThanOrEqual(3);
    const secrets = [first.refreshToken, refreshed.refreshToken, issued.token, forOther.token].map((s: string) => s.split('.')[3]);
    const signingKey = readFileSync(join(t.dataDir, JWT_SECRET_FILE), 'utf8');
    for (const [i, text] of responses.entries()) {
      for (const hash of hashes) expect({ i, leaked: text.includes(hash) || text.includes(hash.split('$').pop()!) }).toEqual({ i, leaked: false });
      expect(text).not.toContain(signingKey);
      expect(text).not.toMatch(/passwordHash"\s*:\s*"\$|secretHash"\s*:\s*"[^(]|refreshTokenHash"\s*:\s*"[^(]/);
    }
    // Each secret appears in the one response that handed it out, and nowhere else.
    for (const secret of secrets) expect(responses.filter((r) => r.includes(secret))).toHaveLength(1);
  });
});

describe('the first admin and the signing key', () => {
  it('creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD once, and never resets it on restart', async () => {
    const env = { ADMIN_EMAIL: 'Boss@Example.com', ADMIN_PASSWORD: 'the very first password' };
    const t = await startTestApp({ env });
    try {
      const res = await t.http.post('/auth/login').send({ email: 'boss@example.com', password: env.ADMIN_PASSWORD }).expect(200);
      expect(res.body.user).toMatchObject({ role: 'admin', email: 'boss@example.com' });
      await t.stop();
      const again = await startTestApp({ dataDir: t.dataDir, env: { ...env, ADMIN_PASSWORD: 'someone changed the env' } });
      try {
        await again.http.post('/auth/login').send({ email: 'boss@example.com', password: 'someone changed the env' }).expect(401);
        await again.http.post('/auth/login').send({ email: 'boss@example.com', password: env.ADMIN_PASSWORD }).expect(200);
        // Signed in before the restart, still signed in after: the key and the sessions persist.
        await again.http.get('/auth/me').set({ Authorization: `Bearer ${res.body.accessToken}` }).expect(200);
      } finally {
        await again.stop();
      }
    } finally {
      await t.destroy();
    }
  });

  it('has no default password: without ADMIN_* there is no admin to sign in as', async () => {
    const t = await startTestApp();
    try {
      for (const [email, password] of [['admin@example.com', 'admin'], ['admin@example.com', 'password123456'], ['root@example.com', 'changeme12345']]) {
        await t.http.post('/auth/login').send({ email, password }).expect(401);
      }
    } finally {
      await t.destroy();
    }
  });

  it('refuses to start with ADMIN_EMAIL but no ADMIN_PASSWORD, or a weak one', async () => {
    await expect(startTestApp({ env: { ADMIN_EMAIL: 'boss@example.com' } })).rejects.toThrow(/ADMIN_PASSWORD/);
    await expect(startTestApp({ env: { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'admin' } })).rejects.toThrow(/at least 12/);
  });

  it('keeps a generated signing key in DATA_DIR (owner-only), or uses AUTH_JWT_SECRET; never a built-in one', async () => {
    const a = await startTestApp();
    const b = await startTestApp({ env: { AUTH_JWT_SECRET: 'k'.repeat(48) } });
    try {
      const file = join(a.dataDir, JWT_SECRET_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').length).toBeGreaterThanOrEqual(64);
      // A token of one deployment is nothing to another.
      await b.http.get('/auth/me').set(a.as(customer)).expect(401);
      await a.http.get('/auth/me').set(a.as(customer)).expect(200);
    } finally {
      await a.destroy();
      await b.destroy();
    }
    expect(() => resolveJwtSecret(validateSettings({ EVENT_STORE_URL: 'esdb://localhost:2113?tls=false' }))).toThrow(/AUTH_JWT_SECRET is required/);
    expect(() => validateSettings({ AUTH_JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });
});
