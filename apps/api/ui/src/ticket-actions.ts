import { Profile, Status, Ticket } from './api/types';

export type ActionName =
  | 'take'
  | 'acknowledge'
  | 'start'
  | 'wait'
  | 'prioritize'
  | 'categorize'
  | 'reply'
  | 'note'
  | 'resolve'
  | 'reassign'
  | 'close'
  | 'reopen'
  | 'tag'
  | 'untag'
  | 'macro';

const STAFF = new Set(['agent', 'supervisor', 'admin']);
const MANAGERS = new Set(['supervisor', 'admin']);
const WORKED: readonly Status[] = ['in_progress', 'waiting_on_customer'];
const DONE: readonly Status[] = ['resolved', 'closed'];

/** Staff tag tickets in any status, closed ones too. */
export const canTag = (user: Pick<Profile, 'role'>) => STAFF.has(user.role);

/**
 * The actions to offer `user` on `ticket`: the API's policy and the decider's state rules as far
 * as the UI can see them. The API stays the judge; this only keeps buttons that would certainly
 * be refused off the screen.
 */
export function availableActions(ticket: Pick<Ticket, 'status' | 'assigneeId' | 'acknowledged'>, user: Pick<Profile, 'id' | 'role'>): ActionName[] {
  if (!STAFF.has(user.role)) return [];
  const mine = ticket.assigneeId === user.id;
  const { status } = ticket;
  const actions: ActionName[] = [];
  if (ticket.assigneeId === null && !DONE.includes(status)) actions.push('take');
  if (status === 'assigned' && mine && !ticket.acknowledged) actions.push('acknowledge');
  if ((status === 'assigned' || status === 'waiting_on_customer') && mine) actions.push('start');
  if (status === 'in_progress') actions.push('wait');
  if (WORKED.includes(status)) actions.push('resolve');
  if (status !== 'closed') actions.push('reply', 'note', 'prioritize', 'categorize');
  if (MANAGERS.has(user.role) && !DONE.includes(status)) actions.push('reassign');
  if (status === 'resolved') actions.push('close');
  if (DONE.includes(status)) actions.push('reopen');
  return actions;
}
