import { Ticket, TicketCommand } from '@helpdesk/ticketing';
import { renderMacroReply } from './macro';
import { Macro } from './macro-state';

export type PlannedCommand = Exclude<TicketCommand, { type: 'SubmitTicket' }>;

/**
 * The ticket commands applying `macro` to `ticket` issues, in order: the reply (in the customer's
 * language, placeholders filled), then only the field changes that change something, so applying
 * a macro twice adds its reply again and changes nothing else. All of it from the ticket as the
 * decider sees it (the event store, not the read side), so a ticket just submitted takes a macro.
 */
export function planMacro(macro: Macro, ticket: Ticket, given: { agentName: string; commentId: string }): PlannedCommand[] {
  const { reply, visibility, changes } = macro.content;
  const commands: PlannedCommand[] = [];
  if (reply) {
    const body = renderMacroReply(reply, ticket.customer.language, {
      'customer.name': ticket.customer.name,
      'ticket.number': ticket.number,
      'ticket.subject': ticket.subject ?? '',
      'agent.name': given.agentName,
    });
    commands.push({ type: 'AddComment', data: { commentId: given.commentId, body, visibility } });
  }
  if (changes.priority && changes.priority !== ticket.priority) commands.push({ type: 'PrioritizeTicket', data: { priority: changes.priority, reason: `macro: ${macro.content.name}` } });
  if (changes.category && changes.category !== ticket.category) commands.push({ type: 'CategorizeTicket', data: { category: changes.category } });
  const tags = ticket.tags ?? [];
  const add = changes.addTags.filter((t) => !tags.includes(t));
  const remove = changes.removeTags.filter((t) => tags.includes(t));
  if (add.length || remove.length) commands.push({ type: 'TagTicket', data: { add, remove } });
  return commands;
}
