import { TICKET_EVENT_TYPES } from '../../../../libs/ticketing/src/ticket-events';
import { SLA_EVENT_TYPES } from '../../../../libs/sla/src/sla-events';
import { StoredEvent } from './api/types';
import { eventSentence } from './event-sentence';
import { formats } from './format';
import { translator } from './i18n/i18n';

const event = (type: string, data: Record<string, unknown>, actor: { id: string; role: string } | null = { id: 'agent-ali', role: 'agent' }): StoredEvent => ({
  id: 'e1',
  type,
  revision: 1,
  position: '1',
  recordedAt: '2026-12-01T04:00:00Z',
  data,
  metadata: actor ? { actor } : {},
});
const en = (e: StoredEvent) => eventSentence(translator('en'), formats('en', 'Asia/Karachi'), e);
const ur = (e: StoredEvent) => eventSentence(translator('ur'), formats('ur', 'Asia/Karachi'), e);

describe('timeline sentences', () => {
  it.each([...TICKET_EVENT_TYPES, ...SLA_EVENT_TYPES])('%s has its own sentence in English and Urdu', (type) => {
    const e = event(type, { target: 'resolution', dueAt: '2026-12-01T06:00:00Z', visibility: 'public', priority: 'high', previousPriority: 'low', category: 'alert', previousCategory: 'general', channel: 'email', agentId: 'agent-sara' });
    expect(en(e)).not.toContain(type);
    expect(ur(e)).not.toContain(type);
    expect(ur(e)).toMatch(/[\u0600-\u06FF]/);
  });

  it('names who did it, by role, in the agent’s language', () => {
    const e = event('TicketPrioritized', { priority: 'high', previousPriority: 'low' }, { id: 'sup-sana', role: 'supervisor' });
    expect(en(e)).toBe('Supervisor sup-sana changed the priority from Low to High');
    expect(ur(e)).toBe('نگران sup-sana نے ترجیح کم سے زیادہ کر دی');
  });

  it('tells internal notes from replies, and a customer’s reply that resumed work', () => {
    expect(en(event('CommentAdded', { visibility: 'internal' }))).toBe('Agent agent-ali added an internal note');
    expect(en(event('CommentAdded', { visibility: 'public' }, { id: 'cust-1', role: 'customer' }))).toBe('Customer cust-1 replied');
    expect(en(event('WorkResumed', { reason: 'customer_replied' }))).toBe('The customer replied; work resumed');
  });

  it('says which tags came and went', () => {
    expect(en(event('TicketTagsChanged', { added: ['vip', 'refund'], removed: [], tags: ['vip', 'refund'] }))).toBe('Agent agent-ali tagged the ticket vip, refund');
    expect(en(event('TicketTagsChanged', { added: [], removed: ['refund'], tags: ['vip'] }))).toBe('Agent agent-ali removed the tags refund');
    expect(en(event('TicketTagsChanged', { added: ['outage'], removed: ['vip'], tags: ['outage'] }))).toBe('Agent agent-ali tagged the ticket outage and removed vip');
    expect(ur(event('TicketTagsChanged', { added: ['بجلی'], removed: [], tags: ['بجلی'] }))).toBe('ایجنٹ agent-ali نے ٹیگ لگائے: بجلی');
  });

  it('says which team a ticket was routed to, or that it left its team', () => {
    expect(en(event('TicketTeamChanged', { team: 'billing', previousTeam: null, reason: 'rule: Refunds' }, { id: 'system', role: 'system' }))).toBe('System routed the ticket to team billing');
    expect(en(event('TicketTeamChanged', { team: null, previousTeam: 'billing', reason: null }, { id: 'sup-sana', role: 'supervisor' }))).toBe('Supervisor sup-sana took the ticket off its team');
    expect(ur(event('TicketTeamChanged', { team: 'billing', previousTeam: null, reason: null }, { id: 'sup-sana', role: 'supervisor' }))).toBe('نگران sup-sana نے ٹکٹ ٹیم billing کو بھیج دیا');
  });

  it('names the rule and version that fired, what held and what it did; a stopped loop says so and why', () => {
    const firing = { ruleId: 'r1', ruleName: 'Refunds', ruleVersion: 2, trigger: { kind: 'event', eventId: 'e0', eventType: 'TicketSubmitted' }, matched: ['text contains "refund"'], actions: ['priority set to high', 'tagged billing'], depth: 1, outcome: 'applied', reason: null, notify: [] };
    const system = { id: 'system', role: 'system' };
    expect(en(event('RuleFired', firing, system))).toBe('Rule “Refunds” v2 fired: text contains "refund" → priority set to high; tagged billing');
    expect(ur(event('RuleFired', firing, system))).toBe('قاعدہ “Refunds” ورژن 2 چلا: text contains "refund" ← priority set to high; tagged billing');
    expect(en(event('RuleFired', { ...firing, matched: [] }, system))).toBe('Rule “Refunds” v2 fired: no conditions → priority set to high; tagged billing');
    const stopped = { ...firing, depth: 6, outcome: 'loop_stopped', reason: 'Stopped: 5 rule firings in a row led here (at most 5); the rules set each other off.' };
    expect(en(event('RuleFired', stopped, system))).toBe('Rule “Refunds” v2 was stopped: 5 rule firings in a row led here, so the rules were setting each other off. It would have: priority set to high; tagged billing');
    expect(ur(event('RuleFired', stopped, system))).toContain('روک دیا گیا: مسلسل 5 قواعد کے چلنے کے بعد');
  });

  it('gives SLA deadlines in the agent’s time zone', () => {
    const breach = event('SlaBreached', { target: 'first_response', dueAt: '2026-12-01T06:00:00Z' }, null);
    expect(en(breach)).toMatch(/^SLA breached: first response was due at .*11:00/);
  });

  it('names an event type it does not know rather than hiding it', () => {
    expect(en(event('TicketMerged', {}))).toBe('Agent agent-ali: TicketMerged');
  });
});
