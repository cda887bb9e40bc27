import { availableActions } from './ticket-actions';

const ali = { id: 'agent-ali', role: 'agent' as const };
const sana = { id: 'sup-sana', role: 'supervisor' as const };
const ticket = (status: string, assigneeId: string | null = null, acknowledged = false) => ({ status, assigneeId, acknowledged }) as Parameters<typeof availableActions>[0];

describe('actions offered on a ticket', () => {
  it('given a new unassigned ticket, an agent may take it, reply, note, prioritize and categorize', () => {
    expect(availableActions(ticket('new'), ali)).toEqual(['take', 'reply', 'note', 'prioritize', 'categorize']);
  });

  it('given a ticket assigned to me and not acknowledged, I may acknowledge it or start work', () => {
    const actions = availableActions(ticket('assigned', 'agent-ali'), ali);
    expect(actions).toEqual(expect.arrayContaining(['acknowledge', 'start']));
    expect(actions).not.toContain('take');
  });

  it('given a ticket assigned to someone else, an agent may neither acknowledge nor start it', () => {
    const actions = availableActions(ticket('assigned', 'agent-sara'), ali);
    expect(actions).not.toContain('acknowledge');
    expect(actions).not.toContain('start');
    expect(actions).not.toContain('reassign');
  });

  it('given work in progress, the agent may wait on the customer or resolve', () => {
    expect(availableActions(ticket('in_progress', 'agent-ali', true), ali)).toEqual(expect.arrayContaining(['wait', 'resolve', 'reply']));
  });

  it('given a ticket waiting on the customer, its assignee may resume or resolve', () => {
    expect(availableActions(ticket('waiting_on_customer', 'agent-ali', true), ali)).toEqual(expect.arrayContaining(['start', 'resolve']));
  });

  it('only supervisors and admins reassign', () => {
    expect(availableActions(ticket('in_progress', 'agent-ali', true), sana)).toContain('reassign');
    expect(availableActions(ticket('in_progress', 'agent-ali', true), ali)).not.toContain('reassign');
  });

  it('given a resolved ticket: close or reopen, nothing of the work in progress', () => {
    expect(availableActions(ticket('resolved', 'agent-ali', true), ali)).toEqual(['reply', 'note', 'prioritize', 'categorize', 'close', 'reopen']);
  });

  it('given a closed ticket: only reopen', () => {
    expect(availableActions(ticket('closed', 'agent-ali', true), ali)).toEqual(['reopen']);
  });

  it('offers nothing to auditors, analysts or customers', () => {
    for (const role of ['auditor', 'analyst', 'customer'] as const) expect(availableActions(ticket('new'), { id: 'x', role })).toEqual([]);
  });
});
