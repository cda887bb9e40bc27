import { admin, agent, analyst, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const since = (res: { body: { position?: string | null } }) => ({ consistentWith: res.body.position ?? undefined });

describe('knowledge base over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false' } })));
  afterEach(async () => t.destroy());

  async function publishedArticle(id: string, body: Record<string, unknown>) {
    await t.http.post('/kb/articles').set(t.as(agent())).send({ articleId: id, ...body }).expect(201);
    return t.http.post(`/kb/articles/${id}/publish`).set(t.as(supervisor)).send({}).expect(200);
  }

  it('agents draft, supervisors publish; the published version is what readers and search get, versions kept', async () => {
    const drafted = await t.http.post('/kb/articles').set(t.as(agent())).send({ articleId: 'reset-password', language: 'en', title: 'Reset your password', body: 'Open **Settings** <script>x()</script>', tags: ['account'], category: 'accounts' }).expect(201);
    expect(drafted.body).toMatchObject({ id: 'reset-password', revision: 0, recorded: ['ArticleDrafted'] });
    await t.http.post('/kb/articles/reset-password/publish').set(t.as(agent())).send({}).expect(403);
    await t.http.get('/kb/articles/reset-password').query(since(drafted)).expect(404);
    const published = await t.http.post('/kb/articles/reset-password/publish').set(t.as(supervisor)).send({}).expect(200);

    const read = await t.http.get('/kb/articles/reset-password').query(since(published)).expect(200);
    expect(read.body.translations.en.html).toBe('<p>Open <strong>Settings</strong> &lt;script&gt;x()&lt;/script&gt;</p>\n');
    expect(read.body).not.toHaveProperty('versions');

    const edited = await t.http.post('/kb/articles/reset-password/edits').set(t.as(agent())).set('If-Match', '"1"').send({ language: 'ur', title: 'پاس ورڈ دوبارہ ترتیب دیں', body: 'ترتیبات کھولیں' }).expect(200);
    await t.http.post('/kb/articles/reset-password/edits').set(t.as(agent())).set('If-Match', '"1"').send({ category: 'security' }).expect(409);
    // Not yet published: the Urdu translation is the editor's, not the readers'.
    expect((await t.http.get('/kb/search').query({ q: 'پاسورڈ', ...since(edited) }).expect(200)).body.items).toEqual([]);
    const staffView = await t.http.get('/kb/articles/reset-password').set(t.as(agent())).query(since(edited)).expect(200);
    expect(staffView.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(staffView.body.published.version).toBe(1);
    expect((await t.http.get('/kb/articles/reset-password/versions/1').set(t.as(agent())).expect(200)).body.content.translations).toEqual({ en: expect.objectContaining({ title: 'Reset your password' }) });

    const republished = await t.http.post('/kb/articles/reset-password/publish').set(t.as(admin)).send({}).expect(200);
    const found = await t.http.get('/kb/search').query({ q: 'پاسورڈ', language: 'ur', ...since(republished) }).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ articleId: 'reset-password', language: 'ur', titleHighlighted: [{ text: 'پاس ورڈ', match: true }, { text: ' دوبارہ ترتیب دیں', match: false }] })]);

    const down = await t.http.post('/kb/articles/reset-password/unpublish').set(t.as(supervisor)).send({ reason: 'outdated' }).expect(200);
    expect((await t.http.get('/kb/search').query({ q: 'password', ...since(down) }).expect(200)).body.items).toEqual([]);
    await t.http.get('/kb/articles/reset-password').set(t.as(customer)).expect(404);
  });

  it('internal articles reach staff only', async () => {
    const res = await publishedArticle('agents-only', { language: 'en', title: 'Escalating password problems', body: 'Ask the LDAP team.', audience: 'internal' });
    const q = { q: 'password', ...since(res) };
    expect((await t.http.get('/kb/search').query(q).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/kb/search').set(t.as(customer)).query(q).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/kb/search').set(t.as(agent())).query(q).expect(200)).body.items).toHaveLength(1);
    await t.http.get('/kb/articles/agents-only').expect(404);
    await t.http.get('/kb/articles/agents-only').set(t.as(customer)).expect(404);
    await t.http.get('/kb/articles/agents-only').set(t.as(agent())).expect(200);
    await t.http.post('/kb/articles/agents-only/votes').set(t.as(customer)).send({ helpful: true }).expect(404);
  });

  it('bad input is a 4xx problem, never a 500', async () => {
    const bad = await t.http.post('/kb/articles').set(t.as(agent())).send({ language: 'english', title: 'x', body: 'y' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http.post('/kb/articles').set(t.as(agent())).send({ language: 'en', title: ' ', body: 'y' }).expect(400);
    await t.http.post('/kb/articles').set(t.as(customer)).send({ language: 'en', title: 'x', body: 'y' }).expect(403);
    await t.http.post('/kb/articles/nope/publish').set(t.as(supervisor)).send({}).expect(404);
    await t.http.get('/kb/search').query({ q: 'x', cursor: 'forged' }).expect(400);
    await t.http.get('/kb/search').set('Authorization', 'Bearer nonsense').query({ q: 'x' }).expect(401);
    await t.http.post('/kb/suggestions/short/opened').send({ articleId: 'a' }).expect(404);
  });

  it('suggestions, opened and deflected: the deflection and the search that found nothing show in the metrics and the export', async () => {
    const res = await publishedArticle('vpn', { language: 'en', title: 'Connecting to the VPN', body: 'Install the client and sign in with your badge number.' });
    const session = 'session-abcdef01';
    const nothing = await t.http.post('/kb/suggestions').send({ sessionId: session, context: 'help_page', text: 'printer jam', language: 'en' }).expect(200);
    expect(nothing.body).toMatchObject({ items: [], recorded: ['NothingSuggested'] });
    const suggested = await t.http.post('/kb/suggestions').query(since(res)).send({ sessionId: session, context: 'help_page', text: 'cannot connect to vpn', language: 'en' }).expect(200);
    expect(suggested.body).toMatchObject({ items: [expect.objectContaining({ articleId: 'vpn' })], recorded: ['ArticleSuggested'] });
    await t.http.post(`/kb/suggestions/${session}/opened`).send({ articleId: 'vpn' }).expect(200);
    await t.http.post(`/kb/suggestions/${session}/opened`).send({ articleId: 'other' }).expect(400);
    await t.http.post('/kb/articles/vpn/views').send({ language: 'en', sessionId: session }).expect(200);
    const deflected = await t.http.post(`/kb/suggestions/${session}/deflected`).send({ articleId: 'vpn' }).expect(200);
    expect(deflected.body.recorded).toEqual(['TicketDeflected']);
    const voted = await t.http.post('/kb/articles/vpn/votes').set(t.as(customer)).send({ helpful: true }).expect(200);
    await t.http.post('/kb/articles/vpn/votes').send({ helpful: true }).expect(401);

    // A second session files anyway.
    const other = 'session-abcdef02';
    await t.http.post('/kb/suggestions').send({ sessionId: other, context: 'ticket_form', text: 'vpn', language: 'en' }).expect(200);
    const ticket = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'VPN still down' })).expect(201);
    const filed = await t.http.post(`/kb/suggestions/${other}/filed`).set(t.as(customer)).query(since(ticket)).send({ ticketId: ticket.body.id }).expect(200);
    expect(filed.body.recorded).toEqual(['TicketFiledAfterSuggestion']);

    const metrics = await t.http.get('/metrics/knowledge').set(t.as(analyst)).query({ consistentWith: [deflected, voted, filed].map((r) => BigInt(r.body.position)).reduce((a, b) => (a > b ? a : b)).toString() }).expect(200);
    expect(metrics.body).toEqual({
      deflection: { sessionsWithSuggestions: 2, deflected: 1, filedAnyway: 1, rate: 0.5 },
      helpfulness: { helpful: 1, notHelpful: 0, rate: 1 },
      topSearchesWithNoResult: [{ query: 'printer jam', language: 'en', count: 1, lastAt: expect.any(String) }],
      mostViewed: [{ articleId: 'vpn', title: { en: 'Connecting to the VPN' }, views: 1 }],
      mostLinked: [],
    });
    await t.http.get('/metrics/knowledge').set(t.as(agent())).expect(403);
    const prometheus = await t.http.get('/metrics/prometheus').set(t.as(admin)).expect(200);
    expect(prometheus.text).toContain('helpdesk_kb_suggestion_sessions{outcome="deflected"} 1');
    expect(prometheus.text).toContain('helpdesk_kb_suggestion_sessions{outcome="filed"} 1');
    expect(prometheus.text).toContain('helpdesk_kb_votes{helpful="yes"} 1');
    const exported = await t.http.get('/export/kb_suggestion_sessions').set(t.as(analyst)).expect(200);
    expect(exported.body.items.map((s: { id: string; deflected: boolean }) => [s.id, s.deflected]).sort()).toEqual([[session, true], [other, false]]);
  });

  it('links an article to a ticket, the customer sees it, and a resolved ticket becomes a draft article', async () => {
    await publishedArticle('vpn', { language: 'en', title: 'Connecting to the VPN', body: 'Install the client.' });
    const ticket = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: 'VPN drops every hour' })).expect(201);
    const id = ticket.body.id;
    let last = ticket;
    for (const [action, who, body] of [['assign', supervisor, { agentId: 'agent-ali' }], ['start', agent(), {}]] as const) last = await t.http.post(`/tickets/${id}/${action}`).set(t.as(who)).send(body).expect(200);
    const linked = await t.http.post('/kb/articles/vpn/links').set(t.as(agent())).query(since(last)).send({ ticketId: id }).expect(200);
    await t.http.post('/kb/articles/vpn/links').set(t.as(customer)).send({ ticketId: id }).expect(403);
    const seen = await t.http.get(`/tickets/${id}/articles`).set(t.as(customer)).query(since(linked)).expect(200);
    expect(seen.body.items).toEqual([expect.objectContaining({ articleId: 'vpn', title: { en: 'Connecting to the VPN' } })]);
    await t.http.get(`/tickets/${id}/articles`).set(t.as({ id: 'cust-bilal', role: 'customer', email: 'bilal@example.pk' })).expect(404);

    await t.http.post('/kb/articles/from-ticket').set(t.as(agent())).send({ ticketId: id }).expect(409);
    const resolved = await t.http.post(`/tickets/${id}/resolve`).set(t.as(agent())).send({ resolution: 'Renewed the VPN certificate.' }).expect(200);
    const draft = await t.http.post('/kb/articles/from-ticket').set(t.as(agent())).query(since(resolved)).send({ ticketId: id }).expect(201);
    const article = await t.http.get(`/kb/articles/${draft.body.id}`).set(t.as(agent())).query(since(draft)).expect(200);
    expect(article.body).toMatchObject({ status: 'draft', audience: 'internal', sourceTicketId: id, translations: { en: { title: 'VPN drops every hour' } } });
    expect(article.body.translations.en.body).toContain('Renewed the VPN certificate.');

    const metrics = await t.http.get('/metrics/knowledge').set(t.as(supervisor)).query(since(draft)).expect(200);
    expect(metrics.body.mostLinked).toEqual([{ articleId: 'vpn', title: { en: 'Connecting to the VPN' }, links: 1 }]);
  });
});
