import { StoredEvent } from '../api/types';
import { eventSentence } from '../event-sentence';
import { formats } from '../format';
import { translator } from '../i18n/i18n';
import { actorName } from './actor-name';

const event = (type: string, data: Record<string, unknown>, actor: { id: string; role: string }): StoredEvent => ({ id: 'e1', type, revision: 1, position: '1', recordedAt: '2026-12-01T04:00:00Z', data, metadata: { actor } });
const directory: Record<string, string> = { 'agent-zara': 'Zara Ahmed', 'sup-sana': 'Sana Mir' };
const nameOf = (actor: { id: string; role: string }) => actorName(actor, (id) => directory[id] ?? id, 'Ayesha Khan');
const en = (e: StoredEvent) => eventSentence(translator('en'), formats('en', 'Asia/Karachi'), e, nameOf);
const ur = (e: StoredEvent) => eventSentence(translator('ur'), formats('ur', 'Asia/Karachi'), e, nameOf);

describe('timeline sentences with names', () => {
  it('names staff from the directory, the customer by the ticket, and whom a ticket was assigned to', () => {
    expect(en(event('TicketAssigned', { agentId: 'agent-zara' }, { id: 'sup-sana', role: 'supervisor' }))).toBe('Supervisor Sana Mir assigned the ticket to Zara Ahmed');
    expect(ur(event('TicketAssigned', { agentId: 'agent-zara' }, { id: 'sup-sana', role: 'supervisor' }))).toContain('Zara Ahmed');
    expect(en(event('CommentAdded', { visibility: 'public' }, { id: 'cust-ayesha', role: 'customer' }))).toBe('Customer Ayesha Khan replied');
  });

  it('keeps the id of someone the directory does not know, and the system as itself', () => {
    expect(en(event('WorkStarted', {}, { id: 'agent-gone', role: 'agent' }))).toBe('Agent agent-gone started work');
    expect(en(event('TicketTeamChanged', { team: 'billing' }, { id: 'automation', role: 'system' }))).toBe('System routed the ticket to team billing');
  });
});
