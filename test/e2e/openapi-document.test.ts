import { getMetadataStorage } from 'class-validator';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { userStreamId } from '@helpdesk/identity';
import { admin, startTestApp, TestApp } from '../support/test-app';

type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; $ref?: string; [k: string]: unknown };
type Parameter = { name: string; in: string; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };

/** What the fuzzer's long run found at the HTTP edges, fixed: 405s, documented limits, null refused. */
describe('the HTTP edges as the OpenAPI document describes them', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/api/docs/openapi.json').expect(200)).body;
  });
  afterAll(() => t.destroy());

  const schema = (name: string) => doc.components.schemas[name];
  const bodySchema = (path: string, method: string) => {
    const ref = doc.paths[path][method].requestBody!.content['application/json'].schema.$ref!;
    return schema(ref.replace('#/components/schemas/', ''));
  };
  const queryParameter = (path: string, name: string) => doc.paths[path].get.parameters!.find((p) => p.in === 'query' && p.name === name)!;

  describe('a method a known path does not answer', () => {
    it('is 405 problem+json with an Allow header naming the methods it does answer', async () => {
      for (const [method, path, allow] of [
        ['delete', '/tickets', 'GET, HEAD, POST'],
        ['put', '/tickets/7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60', 'GET, HEAD'],
        ['patch', '/auth/login', 'POST'],
        ['post', '/health', 'GET, HEAD'],
      ] as const) {
        const res = await t.http[method](path).set(t.as(admin));
        expect({ method, path, status: res.status, allow: res.headers.allow, type: res.headers['content-type'] }).toEqual({ method, path, status: 405, allow, type: expect.stringMatching(/^application\/problem\+json/) });
        expect(res.body).toMatchObject({ type: 'urn:helpdesk:problem:method-not-allowed', status: 405, allowed: allow.split(', ') });
      }
    });

    it('leaves 404 for paths no route has, and for what a route does not find', async () => {
      const nowhere = await t.http.delete('/no/such/route').set(t.as(admin)).expect(404);
      expect(nowhere.headers.allow).toBeUndefined();
      expect(nowhere.headers['content-type']).toMatch(/^application\/problem\+json/);
      const missing = await t.http.get('/tickets/7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60').set(t.as(admin)).expect(404);
      expect(missing.body.type).toBe('urn:helpdesk:problem:ticket-not-found');
    });
  });

  describe('request schemas carry the limits the validators enforce', () => {
    it('for bodies: lengths, bounds, integers, enums, required fields', () => {
      expect(bodySchema('/users/{id}/api-tokens', 'post')).toMatchObject({
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 } },
      });
      const user = bodySchema('/users', 'post');
      expect(user.required!.sort()).toEqual(['email', 'name', 'role']);
      expect(user.properties).toMatchObject({ email: { maxLength: 254 }, name: { minLength: 1, maxLength: 200 }, teams: { maxItems: 50 }, password: { maxLength: 1024 } });
      expect(user.properties!.role.enum).toEqual(['customer', 'agent', 'supervisor', 'auditor', 'analyst', 'admin']);
      // Written by hand, a limit stays as written (the domain's 12-256 is stricter than the edge's 1024).
      expect(bodySchema('/auth/password', 'post').properties!.newPassword).toMatchObject({ minLength: 12, maxLength: 256 });
    });

    it('for query parameters', () => {
      expect(queryParameter('/tickets', 'limit')).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } });
      expect(queryParameter('/tickets', 'cursor').schema).toMatchObject({ maxLength: 2000 });
      expect(queryParameter('/tickets', 'consistentWith').schema).toMatchObject({ pattern: '^[0-9]{1,20}$' });
    });

    it('for every documented property of every validated class', () => {
      const storage = getMetadataStorage();
      const classes = [...(storage as unknown as { validationMetadatas: Map<Function, unknown> }).validationMetadatas.keys()].filter((c) => typeof c === 'function' && schema(c.name));
      expect(classes.length).toBeGreaterThan(10);
      // The document names a schema by its class: two validated classes of one name would share one schema.
      const names = classes.map((c) => c.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
      const gaps: string[] = [];
      for (const target of classes) {
        const documented = schema(target.name);
        const rules = storage.getTargetValidationMetadatas(target, '', true, false);
        for (const property of new Set(rules.map((r) => r.propertyName))) {
          const own = rules.filter((r) => r.propertyName === property);
          const prop = documented.properties?.[property];
          if (!prop) {
            gaps.push(`${target.name}.${property} is validated but not documented`);
            continue;
          }
          const optional = own.some((r) => r.type === 'conditionalValidation');
          if ((documented.required ?? []).includes(property) === optional) gaps.push(`${target.name}.${property}: required ${!optional} in the validators`);
          for (const rule of own.filter((r) => !r.each)) {
            const [limit] = rule.constraints ?? [];
            const keyword = { maxLength: 'maxLength', minLength: 'minLength', max: 'maximum', min: 'minimum', arrayMaxSize: 'maxItems', arrayMinSize: 'minItems' }[rule.name ?? ''];
            if (keyword && prop.type !== 'array' === !keyword.endsWith('Items') && prop[keyword] === undefined) gaps.push(`${target.name}.${property}: no ${keyword} (validator: ${limit})`);
            if (rule.name === 'isIn' && !prop.enum) gaps.push(`${target.name}.${property}: no enum`);
          }
        }
      }
      expect(gaps).toEqual([]);
    });
  });

  describe('expiresInDays of an API token', () => {
    it('is a positive integer or absent: null, 0, 1.5 and a string are 400 problem+json, and no token is issued', async () => {
      for (const expiresInDays of [null, 0, 1.5, '30', 3651]) {
        const res = await t.http.post(`/users/${admin.id}/api-tokens`).set(t.as(admin)).send({ name: 'CRM sync', expiresInDays });
        expect({ expiresInDays, status: res.status, type: res.headers['content-type'] }).toEqual({ expiresInDays, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
        expect(res.body).toMatchObject({ type: 'urn:helpdesk:problem:validation-failed', errors: [expect.objectContaining({ field: 'expiresInDays' })] });
      }
      const issued = (await t.app.get<EventStore>(EVENT_STORE).readStream(userStreamId(admin.id))).filter((e) => e.type === 'ApiTokenIssued');
      expect(issued).toEqual([]);
      const never = await t.http.post(`/users/${admin.id}/api-tokens`).set(t.as(admin)).send({ name: 'no expiry' }).expect(201);
      expect(never.body.expiresAt ?? null).toBeNull();
      const month = await t.http.post(`/users/${admin.id}/api-tokens`).set(t.as(admin)).send({ name: 'a month', expiresInDays: 30 }).expect(201);
      expect(Date.parse(month.body.expiresAt) - t.clock.now().getTime()).toBe(30 * 24 * 3600 * 1000);
    });
  });
});
