import { admin, agent, analyst, customer, startTestApp, supervisor, TestApp } from '../support/test-app';
import { retryWhileBehind } from '../support/wait';

// FerretDB (CI) projects far slower than the embedded store: reads wait for their positions.
jest.setTimeout(300_000);

const OFFICE = { mon: [['09:00', '18:00']] };

/** GET /directory: staff names by id, for screens that show who acted. */
describe('the staff directory', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false' } })));
  afterAll(async () => t.destroy());

  it('names staff accounts and roster agents by id, the roster name first, and never a customer', async () => {
    const registered = await t.http.post('/users').set(t.as(admin)).send({ email: 'hina@helpdesk.test', name: 'Hina Qureshi', role: 'supervisor' }).expect(201);
    await t.http.post('/agents').set(t.as(admin)).send({ agentId: 'agent-ali', name: 'Ali Hassan', email: 'agent-ali@helpdesk.test', skills: [], languages: ['ur'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 5 }).expect(201);
    const rostered = await t.http.post('/agents').set(t.as(admin)).send({ agentId: 'agent-contractor', name: 'Omar Farooq', email: 'omar@contractor.test', skills: [], languages: ['en'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: 5 }).expect(201);
    const position = [registered.body.position, rostered.body.position].map(BigInt).reduce((a, b) => (a > b ? a : b)).toString();

    for (const who of [agent(), supervisor, analyst, admin]) {
      const res = await retryWhileBehind(() => t.http.get('/directory').set(t.as(who)).query({ consistentWith: position }), 240_000);
      expect(res.status).toBe(200);
      const people = res.body.people as Record<string, { name: string; role: string }>;
      expect(people).toMatchObject({
        'agent-ali': { name: 'Ali Hassan', role: 'agent' },
        'agent-contractor': { name: 'Omar Farooq', role: 'agent' },
        [registered.body.id]: { name: 'Hina Qureshi', role: 'supervisor' },
        'sup-sana': { role: 'supervisor' },
        'admin-1': { role: 'admin' },
      });
      expect(Object.values(people).every((p) => p.role !== 'customer')).toBe(true);
      expect(people).not.toHaveProperty(customer.id);
      expect(res.text).not.toContain(customer.email);
    }
  });

  it('is not for customers: they see staff as “staff”', async () => {
    const res = await t.http.get('/directory').set(t.as(customer)).expect(403);
    expect(res.body.type).toBe('urn:helpdesk:problem:not-allowed');
    await t.http.get('/directory').expect(401);
  });
});
