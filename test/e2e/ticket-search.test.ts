import request from 'supertest';
import { admin, agent, analyst, customer, newTicket, otherCustomer, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';
import { retryWhileBehind, waitUntil } from '../support/wait';

// FerretDB (CI) projects far slower than the embedded store: reads wait for their positions.
jest.setTimeout(300_000);

const bina: TestUser = { id: 'agent-bina', role: 'agent', email: 'bina@helpdesk.test', teams: ['billing'] };
const BILAL = { name: 'Bilal Raza', email: otherCustomer.email, timezone: 'Asia/Karachi', language: 'en' };

interface Hit {
  id: string;
  number: string;
  subject: string;
  subjectHighlighted: Array<{ text: string; match: boolean }>;
  snippet: Array<{ text: string; match: boolean }>;
  customerName: string;
  assigneeId?: string | null;
  team?: string | null;
}

/** GET /search/tickets over HTTP: what it finds, for whom (reach), in Urdu, and page by page. */
describe('ticket search', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ users: [bina], env: { RUN_ROUTING: 'false' } })));
  afterEach(async () => t.destroy());

  const submit = async (who: TestUser, overrides: Record<string, unknown>) =>
    (await t.http.post('/tickets').set(t.as(who)).send(newTicket(overrides)).expect(201)).body as { id: string; number: string; position: string };
  const command = async (who: TestUser, ticketId: string, path: string, body: Record<string, unknown> = {}) =>
    (await t.http.post(`/tickets/${ticketId}/${path}`).set(t.as(who)).send(body).expect(200)).body as { position: string };
  const search = (who: TestUser, q: string, extra: Record<string, string | number> = {}): request.Test => t.http.get('/search/tickets').set(t.as(who)).query({ q, ...extra });
  const found = async (who: TestUser, q: string, position: string) => {
    const res = await retryWhileBehind(() => search(who, q, { consistentWith: position }), 240_000);
    expect({ q, status: res.status }).toEqual({ q, status: 200 });
    return res.body.items as Hit[];
  };
  const numbers = (hits: Hit[]) => hits.map((h) => h.number).sort();

  it('finds a ticket by its number, a word of its subject, description or comments, and its customer’s name or email, words marked', async () => {
    const visa = await submit(customer, { subject: 'Visa portal rejects my password', description: 'The embassy portal shows an error since Monday.' });
    await submit(customer, { subject: 'Printer jammed', description: 'Paper stuck in tray two.' });
    const { position } = await command(agent(), visa.id, 'comments', { body: 'We cleared the cache on the gateway.', visibility: 'public' });

    for (const q of ['embassy', 'visa password', 'gateway', visa.number]) {
      expect({ q, hits: numbers(await found(supervisor, q, position)) }).toEqual({ q, hits: [visa.number] });
    }
    // A number however written ranks its ticket first ("1" is also a word of both tickets' steps).
    for (const q of [`hd ${Number(visa.number.slice(3))}`, String(Number(visa.number.slice(3))), visa.number.toLowerCase()]) {
      expect({ q, first: (await found(supervisor, q, position))[0]?.number }).toEqual({ q, first: visa.number });
    }
    for (const q of ['Ayesha', 'ayesha@example.pk']) expect({ q, hits: (await found(supervisor, q, position)).map((h) => h.customerName) }).toEqual({ q, hits: ['Ayesha Khan', 'Ayesha Khan'] });
    // Every word must match: the printer ticket has "Ayesha" but not "embassy".
    expect(numbers(await found(supervisor, 'Ayesha embassy', position))).toEqual([visa.number]);
    // The words are marked in the subject and the snippet.
    const [hit] = await found(agent(), 'embassy visa', position);
    expect(hit.subjectHighlighted).toEqual([{ text: 'Visa', match: true }, { text: ' portal rejects my password', match: false }]);
    expect(hit.snippet).toContainEqual({ text: 'embassy', match: true });
    expect(hit).toMatchObject({ id: visa.id, subject: 'Visa portal rejects my password', customerName: 'Ayesha Khan', assigneeId: null, team: null });
  });

  it('lets a customer find only their own tickets, and never by an internal note or a tag', async () => {
    const hers = await submit(customer, { subject: 'Embassy appointment lost', description: 'My embassy booking vanished.' });
    const his = await submit(otherCustomer, { subject: 'Embassy form', description: 'The embassy form will not load.', customer: BILAL });
    await command(agent(), hers.id, 'comments', { body: 'Zebracode: the booking table was truncated by the nightly job.', visibility: 'internal' });
    const { position } = await command(agent(), hers.id, 'tags', { add: ['vipcustomer'] });

    expect(numbers(await found(customer, 'embassy', position))).toEqual([hers.number]);
    expect(numbers(await found(otherCustomer, 'embassy', position))).toEqual([his.number]);
    expect(numbers(await found(supervisor, 'embassy', position))).toEqual([hers.number, his.number].sort());
    // Staff find her ticket by its internal note and its tag; she does not, nor does anyone else's search name it.
    expect(numbers(await found(supervisor, 'zebracode', position))).toEqual([hers.number]);
    expect(numbers(await found(agent(), 'vipcustomer', position))).toEqual([hers.number]);
    for (const q of ['zebracode', 'truncated nightly', 'vipcustomer']) expect({ q, hits: await found(customer, q, position) }).toEqual({ q, hits: [] });
    for (const q of [hers.number, 'Ayesha', 'booking vanished']) expect({ q, hits: await found(otherCustomer, q, position) }).toEqual({ q, hits: [] });
    // What a customer's hit shows: nothing of the note, no assignee or team.
    const mine = await retryWhileBehind(() => search(customer, 'embassy', { consistentWith: position }), 240_000);
    expect(mine.text).not.toMatch(/zebracode|truncated|vipcustomer/i);
    expect(Object.keys(mine.body.items[0])).not.toEqual(expect.arrayContaining(['assigneeId']));
    expect(mine.body.items[0]).not.toHaveProperty('team');
  });

  it('finds for an agent only tickets within reach (assigned, their team, or no team), and pages honestly', async () => {
    const made = await t.http
      .post('/automation/rules')
      .set(t.as(supervisor))
      .send({ name: 'Billing desk', enabled: true, events: ['TicketSubmitted'], conditions: [{ field: 'text', op: 'contains', values: ['billingdesk'] }], actions: [{ type: 'set_team', team: 'billing' }] })
      .expect(201);
    await t.http.get(`/automation/rules/${made.body.id}`).query({ consistentWith: made.body.position }).set(t.as(supervisor)).expect(200);
    const billing = [];
    for (let i = 0; i < 5; i++) billing.push(await submit(customer, { subject: `Refund ${i} for my invoice`, description: `Refund please (billingdesk ${i}).` }));
    const open = [];
    for (let i = 0; i < 4; i++) open.push(await submit(customer, { subject: `Refund ${i} for my order`, description: 'Refund please.' }));
    // The rule's team changes may land before the last submissions: the index must hold those too
    // (consistentWith; a 503 while behind is "not yet") before any page is read.
    const last = open.at(-1)!.position;
    const routed = await waitUntil('the index to hold all nine and the rule to route the five billing tickets', async () => {
      const res = await search(admin, 'billingdesk', { limit: 50, consistentWith: last });
      const hits = res.status === 200 ? (res.body.items as Hit[]) : [];
      return hits.length === 5 && hits.every((h) => h.team === 'billing') ? hits : null;
    }, { timeoutMs: 240_000, intervalMs: 100 });
    expect(numbers(routed)).toEqual(numbers(billing as unknown as Hit[]));
    expect(numbers(await found(admin, 'refund', last))).toEqual(numbers([...billing, ...open] as unknown as Hit[]));

    const everyPage = async (who: TestUser, q: string, limit: number) => {
      const pages: Hit[][] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await search(who, q, { limit, ...(cursor ? { cursor } : {}) }).expect(200);
        pages.push(res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return pages;
    };
    // Ali is on no team: the four unrouted refunds, two by two, and no empty page after them.
    const ali = await everyPage(agent(), 'refund', 2);
    expect(ali.map((p) => p.length)).toEqual([2, 2]);
    expect(numbers(ali.flat())).toEqual(numbers(open as unknown as Hit[]));
    // Bina is in billing: all nine; one by one, none twice.
    const binas = await everyPage(bina, 'refund', 1);
    expect(binas.every((p) => p.length === 1)).toBe(true);
    expect(numbers(binas.flat())).toEqual(numbers([...billing, ...open] as unknown as Hit[]));
    expect(new Set(binas.flat().map((h) => h.id)).size).toBe(9);
    // Assigned to Ali, a billing ticket is within his reach.
    const { position } = await command(supervisor, billing[2].id, 'assign', { agentId: 'agent-ali' });
    expect(numbers(await found(agent(), 'refund', position))).toEqual(numbers([billing[2], ...open] as unknown as Hit[]));
    expect(numbers(await found(agent(), 'billingdesk', position))).toEqual([billing[2].number]);
    expect(await found(agent('agent-sara'), 'billingdesk', position)).toEqual([]);
  });

  it('matches Urdu across diacritics, Arabic letter forms and compounds written apart, and marks the words as written', async () => {
    const urdu = await submit(customer, { subject: 'میری کِتاب کا پاس ورڈ', description: 'ویب سائٹ پر لاگ اِن نہیں ہو رہا۔' });
    await submit(customer, { subject: 'Unrelated', description: 'Nothing in Urdu here.' });
    const position = urdu.position;
    // Arabic kaf and yeh, no diacritic; the compound written joined; a prefix.
    for (const q of ['كتاب', 'ميري', 'پاسورڈ', 'لاگ ان', 'ویب']) expect({ q, hits: numbers(await found(customer, q, position)) }).toEqual({ q, hits: [urdu.number] });
    const [hit] = await found(agent(), 'كتاب', position);
    expect(hit.subjectHighlighted).toEqual([{ text: 'میری ', match: false }, { text: 'کِتاب', match: true }, { text: ' کا پاس ورڈ', match: false }]);
  });

  it('answers bad input with a 4xx problem, an empty page for a query with no words, and refuses analysts', async () => {
    const { position } = await submit(customer, { subject: 'Anything' });
    for (const query of [{}, { q: '' }, { q: '   ' }, { q: 'x'.repeat(201) }, { q: 'a', limit: 0 }, { q: 'a', limit: 51 }, { q: 'a', limit: 'ten' }, { q: 'a', cursor: 'not-a-cursor' }]) {
      const res = await t.http.get('/search/tickets').set(t.as(supervisor)).query(query);
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({ query, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    }
    expect((await retryWhileBehind(() => search(supervisor, '!!! ...', { consistentWith: position }), 240_000)).body).toEqual({ items: [], nextCursor: null });
    expect((await search(analyst, 'anything').expect(403)).body.type).toBe('urn:helpdesk:problem:not-allowed');
    await t.http.get('/search/tickets').query({ q: 'anything' }).expect(401);
  });
});
