import { Actor } from './actor';
import { TicketEvent } from './ticket-events';
import { given } from './testing/ticket-spec';

const customer: Actor = { id: 'cust-1', role: 'customer' };
const ali: Actor = { id: 'agent-ali', role: 'agent' };
const system: Actor = { id: 'satisfaction', role: 'system' };

const working: TicketEvent[] = [
  {
    type: 'TicketSubmitted',
    data: {
      ticketId: 't1', number: 'HD-000001', subject: 'Cannot log in', description: 'Password rejected', channel: 'web',
      customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'ur' },
      category: 'incident', priority: 'medium', errorMessages: [], stepsToReproduce: null, impact: null,
    },
  },
  { type: 'TicketAssigned', data: { agentId: 'agent-ali', previousAgentId: null, reason: null } },
  { type: 'WorkStarted', data: { agentId: 'agent-ali', note: null } },
];
const resolved: TicketEvent = { type: 'TicketResolved', data: { resolution: 'Password reset' } };
const offered = (n = 1, changeableUntil = '2026-01-12T07:00:00.000Z'): TicketEvent => ({ type: 'SatisfactionOffered', data: { offerId: `HD-000001-R${n}`, changeableUntil } });
const rated = (score: 1 | 2 | 3 | 4 | 5, previousScore: 1 | 2 | 3 | 4 | 5 | null = null, comment: string | null = null): TicketEvent => ({
  type: 'SatisfactionRated',
  data: { offerId: 'HD-000001-R1', score, comment, previousScore },
});
const reopened: TicketEvent = { type: 'TicketReopened', data: { reason: 'Still broken' } };
const rate = (score: number, offerId = 'HD-000001-R1', comment?: string) => ({ type: 'RateSatisfaction' as const, data: { offerId, score, ...(comment !== undefined ? { comment } : {}) } });

describe('SatisfactionOffered', () => {
  it('comes with each resolution, one offer per episode, open for the configured days', () => {
    given(...working, resolved, offered(1), reopened, { type: 'SatisfactionOfferVoided', data: { offerId: 'HD-000001-R1' } })
      .when({ type: 'ResolveTicket', data: { resolution: 'Reset again' } }, ali, { satisfactionChangeableDays: 3 })
      .then([
        { type: 'TicketResolved', data: { resolution: 'Reset again' } },
        { type: 'SatisfactionOffered', data: { offerId: 'HD-000001-R2', changeableUntil: '2026-01-08T07:00:00.000Z' } },
      ]);
  });
  it('is voided by a reopen before the customer rated', () => {
    given(...working, resolved, offered())
      .when({ type: 'ReopenTicket', data: { reason: 'Still broken' } }, customer)
      .then([reopened, { type: 'SatisfactionOfferVoided', data: { offerId: 'HD-000001-R1' } }]);
  });
  it('is voided by a rejected resolution', () => {
    given(...working, resolved, offered())
      .when({ type: 'RejectResolution', data: { reason: 'Still broken' } }, customer)
      .then([{ type: 'ResolutionRejected', data: { reason: 'Still broken' } }, reopened, { type: 'SatisfactionOfferVoided', data: { offerId: 'HD-000001-R1' } }]);
  });
  it('is not voided once rated (the rating stands), nor once its deadline has passed (it went unanswered)', () => {
    given(...working, resolved, offered(), rated(4)).when({ type: 'ReopenTicket', data: { reason: 'Still broken' } }, ali).then([reopened]);
    given(...working, resolved, offered())
      .when({ type: 'ReopenTicket', data: { reason: 'Still broken' } }, ali, { now: new Date('2026-01-13T00:00:00.000Z') })
      .then([reopened]);
  });
});

describe('RateSatisfaction', () => {
  it('records the customer\'s score and comment', () => {
    given(...working, resolved, offered()).when(rate(5, 'HD-000001-R1', '  Quick and kind  '), customer).then([rated(5, null, 'Quick and kind')]);
  });
  it('can be changed until the deadline, naming the score it replaces', () => {
    given(...working, resolved, offered(), rated(2)).when(rate(4), customer, { now: new Date('2026-01-12T07:00:00.000Z') }).then([rated(4, 2)]);
  });
  it('is final after the deadline', () => {
    given(...working, resolved, offered(), rated(2))
      .when(rate(4), customer, { now: new Date('2026-01-12T07:00:00.001Z') })
      .thenFails('illegal_transition', /final/);
  });
  it('is final once the ticket was reopened after the rating', () => {
    given(...working, resolved, offered(), rated(1), reopened).when(rate(3), customer).thenFails('illegal_transition', /final/);
  });
  it('is refused for a voided offer and for an earlier episode\'s offer', () => {
    given(...working, resolved, offered(), reopened, { type: 'SatisfactionOfferVoided', data: { offerId: 'HD-000001-R1' } })
      .when(rate(3), customer)
      .thenFails('illegal_transition', /reopened before it was rated/);
    given(...working, resolved, offered(1), reopened, resolved, offered(2)).when(rate(3, 'HD-000001-R1'), customer).thenFails('illegal_transition', /earlier resolution/);
  });
  it('is refused before any resolution', () => {
    given(...working).when(rate(3), customer).thenFails('illegal_transition', /nothing to rate/);
  });
  it.each([0, 6, 2.5, Number.NaN])('refuses the score %p', (score) => {
    given(...working, resolved, offered()).when(rate(score), customer).thenFails('invalid_command', /1 to 5/);
  });
  it('refuses a comment over 2000 characters', () => {
    given(...working, resolved, offered()).when(rate(3, 'HD-000001-R1', 'x'.repeat(2001)), customer).thenFails('invalid_command', /2000/);
  });
  it('is the customer\'s alone: not staff, not another customer', () => {
    given(...working, resolved, offered()).when(rate(5), ali).thenFails('not_allowed');
    given(...working, resolved, offered()).when(rate(5), customer, { scope: { email: 'bilal@example.pk' } }).thenFails('ticket_not_found');
  });
  it('still works after the ticket was closed, until the deadline', () => {
    given(...working, resolved, offered(), { type: 'TicketClosed', data: { reason: 'no_customer_response', note: null } }).when(rate(3), customer).then([rated(3)]);
  });
});

describe('RemindAutoClose', () => {
  const remind = { type: 'RemindAutoClose' as const, data: { closesAt: '2026-01-12T06:00:00.000Z' } };
  it('records the reminder once per resolution', () => {
    given(...working, resolved, offered()).when(remind, system).then([{ type: 'AutoCloseReminded', data: { closesAt: '2026-01-12T06:00:00.000Z' } }]);
    given(...working, resolved, offered(), { type: 'AutoCloseReminded', data: { closesAt: '2026-01-12T06:00:00.000Z' } }).when(remind, system).thenFails('illegal_transition', /already been reminded/);
  });
  it('is for a resolution again after a reopen', () => {
    given(...working, resolved, { type: 'AutoCloseReminded', data: { closesAt: 'x' } }, reopened, resolved).when(remind, system).then([{ type: 'AutoCloseReminded', data: { closesAt: '2026-01-12T06:00:00.000Z' } }]);
  });
  it('is refused once confirmed, when not resolved, and for anyone but the system', () => {
    given(...working, resolved, { type: 'ResolutionConfirmed', data: { note: null } }).when(remind, system).thenFails('illegal_transition', /confirmed/);
    given(...working).when(remind, system).thenFails('illegal_transition');
    given(...working, resolved).when(remind, ali).thenFails('not_allowed');
  });
});
