import { admin, agent, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';

const RESET = {
  name: 'Password reset done',
  reply: {
    en: 'Dear {{customer.name}}, we reset the password on {{ticket.number}} ({{ticket.subject}}). {{agent.name}}',
    ur: '{{customer.name}} صاحب، {{ticket.number}} پر آپ کا پاس ورڈ ری سیٹ کر دیا گیا ہے۔ {{agent.name}}',
  },
  visibility: 'public',
  changes: { category: 'question', addTags: ['Password Reset'] },
};

interface StoredEvent {
  type: string;
  revision: number;
  position: string;
  data: Record<string, unknown>;
  metadata: { actor: { id: string }; macro?: { id: string; version: number; name: string } };
}

describe('macros over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false' } })));
  afterEach(async () => t.destroy());

  const submit = async (overrides: Record<string, unknown> = {}) => (await t.http.post('/tickets').set(t.as(customer)).send(newTicket(overrides)).expect(201)).body;
  const create = async (body: object = RESET, who: TestUser = supervisor) => (await t.http.post('/macros').set(t.as(who)).send(body).expect(201)).body;
  const apply = (ticketId: string, macroId: string, who: TestUser = agent()) => t.http.post(`/tickets/${ticketId}/macros/${macroId}`).set(t.as(who)).send({});
  const events = async (ticketId: string) => (await t.http.get(`/tickets/${ticketId}/events`).set(t.as(admin)).expect(200)).body as StoredEvent[];

  it('applies a macro in one step: the reply in the customer’s language with its placeholders filled, and the changes, recorded as the macro’s', async () => {
    const macro = await create();
    const listed = (await t.http.get('/macros').query({ consistentWith: macro.position }).set(t.as(agent())).expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: macro.id, name: 'Password reset done', version: 1, retired: false, content: expect.objectContaining({ changes: { priority: null, category: 'question', addTags: ['password-reset'], removeTags: [] } }) })]);

    const ticket = await submit(); // the test customer writes in Urdu
    const applied = (await apply(ticket.id, macro.id).expect(200)).body;
    const view = (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: applied.position }).set(t.as(agent())).expect(200)).body;
    expect(view).toMatchObject({ category: 'question', tags: ['password-reset'] });
    expect(view.comments.at(-1)).toMatchObject({ visibility: 'public', body: `Ayesha Khan صاحب، ${ticket.number} پر آپ کا پاس ورڈ ری سیٹ کر دیا گیا ہے۔ agent-ali` });

    const byMacro = (await events(ticket.id)).filter((e) => e.metadata.macro);
    expect(byMacro.map((e) => e.type)).toEqual(['CommentAdded', 'TicketCategorized', 'TicketTagsChanged']);
    expect(new Set(byMacro.map((e) => e.position)).size).toBe(3);
    expect(byMacro.map((e) => e.revision)).toEqual([1, 2, 3]); // one append: consecutive, nothing between them
    for (const e of byMacro) expect(e.metadata).toMatchObject({ actor: { id: 'agent-ali' }, macro: { id: macro.id, version: 1, name: 'Password reset done' } });

    // Again: the reply again, and no change that changes nothing.
    const again = (await apply(ticket.id, macro.id).expect(200)).body;
    expect((await events(ticket.id)).filter((e) => e.metadata.macro).map((e) => e.type)).toEqual(['CommentAdded', 'TicketCategorized', 'TicketTagsChanged', 'CommentAdded']);

    // An English-speaking customer gets the English text.
    const english = await submit({ customer: { name: 'Bilal Raza', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'en' }, subject: 'Locked out' });
    const done = (await apply(english.id, macro.id).expect(200)).body;
    const englishView = (await t.http.get(`/tickets/${english.id}`).query({ consistentWith: done.position }).set(t.as(agent())).expect(200)).body;
    expect(englishView.comments.at(-1).body).toBe(`Dear Bilal Raza, we reset the password on ${english.number} (Locked out). agent-ali`);
    expect(BigInt(done.position)).toBeGreaterThan(BigInt(again.position));
  });

  it('applies all of a macro or none of it', async () => {
    const macro = await create({ ...RESET, changes: { addTags: ['follow-up'] } });
    const ticket = await submit();
    for (const [command, body] of [
      ['assign', { agentId: 'agent-ali' }],
      ['start', {}],
      ['resolve', { resolution: 'Reset' }],
    ] as const) {
      await t.http.post(`/tickets/${ticket.id}/${command}`).set(t.as(command === 'assign' ? supervisor : agent())).send(body).expect(200);
    }
    await t.http.post(`/tickets/${ticket.id}/confirm`).set(t.as(customer)).send({}).expect(200);
    await t.http.post(`/tickets/${ticket.id}/close`).set(t.as(agent())).send({}).expect(200);
    const before = await events(ticket.id);
    // A closed ticket takes no reply: the tag the macro would also add is not added either.
    const refused = await apply(ticket.id, macro.id).expect(409);
    expect(refused.body.type).toBe('urn:helpdesk:problem:illegal-transition');
    expect(await events(ticket.id)).toHaveLength(before.length);
  });

  it('answers a retried creation with the same Idempotency-Key as the first time, and writes it once', async () => {
    const first = (await t.http.post('/macros').set(t.as(supervisor)).set('Idempotency-Key', 'macro-1').send(RESET).expect(201)).body;
    const again = await t.http.post('/macros').set(t.as(supervisor)).set('Idempotency-Key', 'macro-1').send(RESET).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first);
  });

  it('keeps macros to supervisors and admins, refuses bad ones by name, versions changes, and applies no retired one', async () => {
    await t.http.post('/macros').set(t.as(agent())).send(RESET).expect(403);
    await t.http.get('/macros').set(t.as(customer)).expect(403);
    const badPlaceholder = await t.http.post('/macros').set(t.as(supervisor)).send({ ...RESET, reply: { en: 'Hi {{customer.email}}' } }).expect(400);
    expect(badPlaceholder.body.detail).toContain('{{customer.email}} is not a placeholder');
    expect((await t.http.post('/macros').set(t.as(supervisor)).send({ name: 'Nothing' }).expect(400)).body.detail).toMatch(/a reply or a change/);
    await t.http.post('/macros').set(t.as(supervisor)).send({ ...RESET, changes: { priority: 'urgent' } }).expect(400);

    const macro = await create();
    const changed = (await t.http.put(`/macros/${macro.id}`).set(t.as(admin)).set('If-Match', `"${macro.revision}"`).send({ ...RESET, changes: { priority: 'high' } }).expect(200)).body;
    expect(changed.version).toBe(2);
    const stale = await t.http.put(`/macros/${macro.id}`).set(t.as(admin)).set('If-Match', `"${macro.revision}"`).send({ ...RESET, name: 'Other' }).expect(409);
    expect(stale.body.type).toBe('urn:helpdesk:problem:concurrency-conflict');

    const ticket = await submit();
    await apply(ticket.id, macro.id, customer).expect(403);
    const applied = (await apply(ticket.id, macro.id).expect(200)).body;
    const byMacro = (await events(ticket.id)).filter((e) => e.metadata.macro);
    expect(byMacro.map((e) => [e.type, e.metadata.macro!.version])).toEqual([
      ['CommentAdded', 2],
      ['TicketPrioritized', 2],
    ]);
    expect(byMacro[1].data).toMatchObject({ priority: 'high', reason: 'macro: Password reset done' });

    const retired = (await t.http.post(`/macros/${macro.id}/retire`).set(t.as(supervisor)).send({ reason: 'replaced' }).expect(200)).body;
    expect((await apply(ticket.id, macro.id).expect(409)).body.detail).toMatch(/retired/);
    expect((await t.http.get('/macros').query({ consistentWith: retired.position }).set(t.as(agent())).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/macros').query({ consistentWith: retired.position, retired: 'true' }).set(t.as(agent())).expect(200)).body.items).toEqual([expect.objectContaining({ id: macro.id, retired: true, version: 2 })]);
    await apply(ticket.id, '00000000-0000-4000-8000-000000000000').expect(404);
    await t.http.get('/macros/not-a-macro').set(t.as(agent())).expect(404);
    expect(applied.position).toBeDefined();
  });
});
