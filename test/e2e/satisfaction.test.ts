import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { SatisfactionService } from '../../apps/api/src/satisfaction/satisfaction.service';
import { admin, agent, analyst, auditor, customer, newTicket, otherCustomer, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;

describe('satisfaction ratings over HTTP', () => {
  let t: TestApp;
  // The low-score reactor stays out of the way here (test/e2e/low-satisfaction.test.ts tests it).
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false', SATISFACTION_LOW_SCORE_ACTION: 'none', SATISFACTION_CHANGEABLE_DAYS: '3' } })));
  afterEach(async () => t.destroy());

  const events = async (id: string) => (await t.app.get<EventStore>(EVENT_STORE).readStream(`ticket-${id}`)).map((e) => ({ type: e.type, data: e.data, actor: e.metadata.actor }));
  const offerOf = async (id: string) => (await events(id)).filter((e) => e.type === 'SatisfactionOffered').pop()!.data as { offerId: string; changeableUntil: string };
  const sign = (id: string, offer: { offerId: string; changeableUntil: string }, email = customer.email) =>
    t.app.get(SatisfactionService).tokens.sign({ ticketId: id, offerId: offer.offerId, customerEmail: email, expiresAt: offer.changeableUntil });
  const linkOf = async (id: string) => sign(id, await offerOf(id));

  async function resolvedTicket() {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    await t.http.post(`/tickets/${body.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${body.id}/start`).set(t.as(agent())).send({}).expect(200);
    const resolved = await t.http.post(`/tickets/${body.id}/resolve`).set(t.as(agent())).send({ resolution: 'Password reset' }).expect(200);
    return { id: body.id as string, number: body.number as string, position: resolved.body.position as string };
  }
  const view = async (id: string, who = customer, position?: string) =>
    (await t.http.get(`/tickets/${id}`).set(t.as(who)).query(position ? { consistentWith: position } : {}).expect(200)).body.satisfaction;
  const refusedWithoutChange = async (id: string, send: () => Promise<{ status: number; body: { type?: string; detail?: string } }>, status: number, type: string) => {
    const before = await events(id);
    const res = await send();
    expect({ status: res.status, type: res.body.type, hasDetail: Boolean(res.body.detail) }).toEqual({ status, type: `urn:helpdesk:problem:${type}`, hasDetail: true });
    expect(await events(id)).toEqual(before);
  };

  it('offers a rating on resolution, shows the link page without recording, records the POST, and lets it change until the deadline', async () => {
    const ticket = await resolvedTicket();
    expect(await view(ticket.id, customer, ticket.position)).toEqual({ offered: true, changeableUntil: '2026-01-08T04:00:00.000Z', final: false });
    const token = await linkOf(ticket.id);

    const before = await events(ticket.id);
    for (let i = 0; i < 3; i++) {
      const page = await t.http.get(`/satisfaction/${token}`).expect(200);
      expect(page.body).toEqual({ ticketNumber: ticket.number, subject: 'Cannot sign in to the portal', score: null, changeableUntil: '2026-01-08T04:00:00.000Z', final: false, language: 'ur' });
    }
    expect(await events(ticket.id)).toEqual(before);

    const rated = await t.http.post(`/satisfaction/${token}`).send({ score: 4, comment: 'Quick, thank you' }).expect(200);
    expect(rated.body).toMatchObject({ id: ticket.id, score: 4, changeableUntil: '2026-01-08T04:00:00.000Z' });
    expect((await events(ticket.id)).slice(before.length)).toEqual([
      { type: 'SatisfactionRated', data: { offerId: `${ticket.number}-R1`, score: 4, comment: 'Quick, thank you', previousScore: null }, actor: { id: expect.stringMatching(/^rating-link:/), role: 'customer' } },
    ]);
    expect((await t.http.get(`/satisfaction/${token}`).expect(200)).body).toMatchObject({ score: 4, final: false });

    // The comment: the customer, supervisors and admins; not agents, nor analysts.
    expect(await view(ticket.id, customer, rated.body.position)).toEqual({ offered: true, score: 4, comment: 'Quick, thank you', changeableUntil: '2026-01-08T04:00:00.000Z', final: false });
    expect(await view(ticket.id, supervisor)).toMatchObject({ score: 4, comment: 'Quick, thank you' });
    expect(await view(ticket.id, agent())).toEqual({ offered: true, score: 4, changeableUntil: '2026-01-08T04:00:00.000Z', final: false });
    expect(await view(ticket.id, analyst)).not.toHaveProperty('comment');
    const exported = await t.http.get('/export/tickets').set(t.as(analyst)).expect(200);
    expect(JSON.stringify(exported.body)).not.toContain('Quick, thank you');
    // So are the raw events: agents and auditors see that there is a comment, not what it says.
    const ratedEvent = async (who: TestUser) => ((await t.http.get(`/tickets/${ticket.id}/events`).set(t.as(who)).expect(200)).body as Array<{ type: string; data: { comment: string | null } }>).find((e) => e.type === 'SatisfactionRated')!.data.comment;
    expect(await ratedEvent(agent())).toBe('(withheld: for supervisors and admins)');
    expect(await ratedEvent(auditor)).toBe('(withheld: for supervisors and admins)');
    expect(await ratedEvent(admin)).toBe('Quick, thank you');
    expect((await t.http.get('/audit/verify').query({ ticket: ticket.id }).set(t.as(auditor)).expect(200)).body).toMatchObject({ ok: true });

    // Signed in, the customer changes it; another customer cannot reach the ticket at all.
    const changed = await t.http.post(`/tickets/${ticket.id}/satisfaction`).set(t.as(customer)).send({ score: 5 }).expect(200);
    expect((await events(ticket.id)).pop()).toMatchObject({ type: 'SatisfactionRated', data: { score: 5, comment: null, previousScore: 4 }, actor: { id: customer.id, role: 'customer' } });
    await refusedWithoutChange(ticket.id, () => t.http.post(`/tickets/${ticket.id}/satisfaction`).set(t.as(otherCustomer)).send({ score: 1 }), 404, 'ticket-not-found');
    await refusedWithoutChange(ticket.id, () => t.http.post(`/tickets/${ticket.id}/satisfaction`).set(t.as(customer)).send({ score: 6 }), 400, 'validation-failed');
    expect(await view(ticket.id, customer, changed.body.position)).toMatchObject({ score: 5, final: false });

    // After the deadline: final, and the link is refused.
    t.clock.advance(3 * DAY + 1000);
    expect(await view(ticket.id)).toEqual({ offered: true, score: 5, changeableUntil: '2026-01-08T04:00:00.000Z', final: true });
    await refusedWithoutChange(ticket.id, () => t.http.get(`/satisfaction/${token}`), 410, 'rating-link-expired');
    await refusedWithoutChange(ticket.id, () => t.http.post(`/satisfaction/${token}`).send({ score: 1 }), 410, 'rating-link-expired');
    await refusedWithoutChange(ticket.id, () => t.http.post(`/tickets/${ticket.id}/satisfaction`).set(t.as(customer)).send({ score: 1 }), 409, 'illegal-transition');
  });

  it('refuses forged and cross-customer links and changes nothing', async () => {
    const ticket = await resolvedTicket();
    const token = await linkOf(ticket.id);
    const [v, body, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const otherTicket = `${v}.${Buffer.from(JSON.stringify({ ...claims, e: claims.e + 86400 * 365 })).toString('base64url')}.${mac}`;
    for (const forged of [otherTicket, `${v}.${body}.${mac.slice(1)}x`, 'not-a-token']) {
      await refusedWithoutChange(ticket.id, () => t.http.get(`/satisfaction/${encodeURIComponent(forged)}`), 400, 'rating-link-invalid');
      await refusedWithoutChange(ticket.id, () => t.http.post(`/satisfaction/${encodeURIComponent(forged)}`).send({ score: 5 }), 400, 'rating-link-invalid');
    }
    // Signed with the real key but for another customer than the ticket's.
    const theirs = sign(ticket.id, await offerOf(ticket.id), otherCustomer.email);
    await refusedWithoutChange(ticket.id, () => t.http.get(`/satisfaction/${theirs}`), 403, 'rating-link-not-yours');
    await refusedWithoutChange(ticket.id, () => t.http.post(`/satisfaction/${theirs}`).send({ score: 1 }), 403, 'rating-link-not-yours');
    await refusedWithoutChange(ticket.id, () => t.http.post(`/satisfaction/${token}`).send({ score: 0 }), 400, 'validation-failed');
  });

  it('makes a rating final when the ticket is reopened after it, voids an unrated offer on reopen, and refuses the old link after a new resolution', async () => {
    const ticket = await resolvedTicket();
    const first = await linkOf(ticket.id);
    await t.http.post(`/satisfaction/${first}`).send({ score: 3 }).expect(200);
    const reopened = await t.http.post(`/tickets/${ticket.id}/reopen`).set(t.as(customer)).send({ reason: 'It broke again' }).expect(200);
    expect(await view(ticket.id, customer, reopened.body.position)).toMatchObject({ offered: true, score: 3, final: true });
    await refusedWithoutChange(ticket.id, () => t.http.post(`/satisfaction/${first}`).send({ score: 5 }), 409, 'rating-final');

    const again = await t.http.post(`/tickets/${ticket.id}/resolve`).set(t.as(agent())).send({ resolution: 'Fixed for good' }).expect(200);
    expect(await view(ticket.id, customer, again.body.position)).toEqual({ offered: true, changeableUntil: '2026-01-08T04:00:00.000Z', final: false });
    expect((await offerOf(ticket.id)).offerId).toBe(`${ticket.number}-R2`);
    await refusedWithoutChange(ticket.id, () => t.http.post(`/satisfaction/${first}`).send({ score: 5 }), 409, 'rating-final');
    const second = await linkOf(ticket.id);

    const voided = await t.http.post(`/tickets/${ticket.id}/reopen`).set(t.as(agent())).send({ reason: 'Found another cause' }).expect(200);
    expect((await events(ticket.id)).pop()).toMatchObject({ type: 'SatisfactionOfferVoided', data: { offerId: `${ticket.number}-R2` } });
    expect(await view(ticket.id, customer, voided.body.position)).toEqual({ offered: false, final: false });
    await refusedWithoutChange(ticket.id, () => t.http.post(`/satisfaction/${second}`).send({ score: 5 }), 409, 'rating-offer-withdrawn');
  });
});
