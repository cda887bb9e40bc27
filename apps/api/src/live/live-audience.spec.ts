import { StoredEvent } from '@helpdesk/event-store';
import { endsStream, LiveListener, tells } from './live-audience';
import { LiveFact, pendingFact } from './live-facts';

const TICKET = '7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60';
const stored = (streamId: string, type: string, data: Record<string, unknown> = {}, position = 10n): StoredEvent => ({ id: 'e', streamId, revision: 0, position, type, data, metadata: {}, recordedAt: new Date() });
/** A ticket fact as the reader completes it from the read side. */
const onTicket = (type: string, data: Record<string, unknown> = {}, view: { email?: string; assigneeId?: string | null; team?: string | null } = {}): LiveFact => {
  const pending = pendingFact(stored(`ticket-${TICKET}`, type, data))!;
  return { ...pending, ticket: { ...pending.ticket!, number: 'HD-000001', customerEmail: view.email ?? 'ayesha@example.pk', assigneeId: view.assigneeId ?? null, team: view.team ?? null } } as LiveFact;
};
const listener = (role: LiveListener['role'], reach: LiveListener['reach'], extra: Partial<LiveListener> = {}): LiveListener => ({ principalId: `${role}-1`, role, reach, sessionId: 's-1', ...extra });
const ayesha = listener('customer', { kind: 'customer', email: 'ayesha@example.pk' });
const bilal = listener('customer', { kind: 'customer', email: 'bilal@example.pk' });
const ali = listener('agent', { kind: 'agent', agentId: 'agent-ali', teams: ['karachi'] });
const sana = listener('supervisor', { kind: 'all' });

describe('who is told of what on the live stream', () => {
  it('tells a customer of their own tickets only, and only of what they see', () => {
    expect(tells(ayesha, onTicket('TicketSubmitted', { number: 'HD-000001' }))).toBe(true);
    expect(tells(bilal, onTicket('TicketSubmitted', { number: 'HD-000001' }))).toBe(false);
    expect(tells(ayesha, onTicket('CommentAdded', { visibility: 'public' }))).toBe(true);
    for (const [type, data] of [['CommentAdded', { visibility: 'internal' }], ['TicketTagsChanged', {}], ['TicketTeamChanged', { previousTeam: null }], ['RuleFired', {}], ['SlaWarningIssued', {}], ['AssignmentAcknowledged', {}]] as const) {
      expect({ type, told: tells(ayesha, onTicket(type, data)) }).toEqual({ type, told: false });
      expect({ type, told: tells(sana, onTicket(type, data)) }).toEqual({ type, told: true });
    }
  });

  it('tells an agent of tickets in reach now, or just before a reassignment or re-routing', () => {
    expect(tells(ali, onTicket('TicketPrioritized', {}, { team: null }))).toBe(true);
    expect(tells(ali, onTicket('TicketPrioritized', {}, { team: 'lahore' }))).toBe(false);
    expect(tells(ali, onTicket('TicketPrioritized', {}, { team: 'lahore', assigneeId: 'agent-ali' }))).toBe(true);
    expect(tells(ali, onTicket('TicketTeamChanged', { team: 'lahore', previousTeam: 'karachi' }, { team: 'lahore' }))).toBe(true);
    expect(tells(ali, onTicket('TicketAssigned', { agentId: 'agent-sara', previousAgentId: 'agent-ali' }, { team: 'lahore', assigneeId: 'agent-sara' }))).toBe(true);
    expect(tells(ali, onTicket('TicketAssigned', { agentId: 'agent-sara', previousAgentId: 'agent-zara' }, { team: 'lahore', assigneeId: 'agent-sara' }))).toBe(false);
  });

  it('tells nobody with partial reach of a ticket the read side does not hold', () => {
    const gone = { ...onTicket('TicketReopened'), ticket: { ...onTicket('TicketReopened').ticket!, customerEmail: null } };
    expect([tells(ayesha, gone), tells(ali, gone), tells(sana, gone)]).toEqual([false, false, true]);
  });

  it('follows the access policy for rules, agents, macros and accounts, and leaves session bookkeeping out', () => {
    const rule = pendingFact(stored('automation-rule-r1', 'RuleCreated')) as LiveFact;
    expect([tells(ayesha, rule), tells(ali, rule), tells(sana, rule)]).toEqual([false, false, true]);
    const roster = pendingFact(stored('agent-agent-ali', 'AgentAvailabilityChanged')) as LiveFact;
    expect([tells(ayesha, roster), tells(ali, roster)]).toEqual([false, true]);
    const role = pendingFact(stored('user-u1', 'RoleChanged', { role: 'agent' })) as LiveFact;
    expect([tells(sana, role), tells(listener('admin', { kind: 'all' }), role)]).toEqual([false, true]);
    expect(pendingFact(stored('user-u1', 'RefreshTokenRotated', { sessionId: 's-9' }))).toBeNull();
    expect(pendingFact(stored('ticket-numbers', 'TicketNumbersReserved'))).toBeNull();
    expect(pendingFact(stored('notification-n1', 'NotificationSent'))).toBeNull();
  });

  it('ends a stream when its own account or session changes, never for someone else’s', () => {
    const own = (type: string, data: Record<string, unknown> = {}) => pendingFact(stored(`user-${ali.principalId}`, type, data)) as LiveFact;
    expect(endsStream(ali, own('TeamsChanged', { teams: [] }))).toBe('account-changed');
    expect(endsStream(ali, own('SessionEnded', { sessionId: 's-1' }))).toBe('signed-out');
    expect(endsStream(ali, own('SessionEnded', { sessionId: 's-2' }))).toBeNull();
    expect(endsStream(sana, own('UserDeactivated'))).toBeNull();
    expect(tells(ali, own('SessionEnded', { sessionId: 's-1' }))).toBe(false);
  });
});
