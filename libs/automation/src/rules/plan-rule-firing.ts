import { MAX_TAGS_PER_TICKET, RuleNotice, RuleTrigger, Ticket, TicketCommand } from '@helpdesk/ticketing';
import { RuleAction, RuleText } from './rule-action';
import { fillPlaceholders, RulePlaceholder } from './rule-placeholders';
import { Rule } from './rule-state';

export type RuleTicketCommand = Exclude<TicketCommand, { type: 'SubmitTicket' }>;

/** How many rule firings may lead one to the next before the chain is stopped (and the stop recorded). */
export const MAX_RULE_DEPTH = 5;

export interface RuleFiringPlan {
  /** RecordRuleFiring first, then the ticket commands of the actions that change something; empty: nothing to do. */
  commands: RuleTicketCommand[];
  /** Set when the rule hands the ticket to routing: done after the append, under its own key. */
  route: boolean;
}

interface FiringInput {
  rule: Rule;
  ticket: Ticket;
  trigger: RuleTrigger;
  matched: string[];
  /** Depth of the event that set it off (0 for a time-based rule). */
  depth: number;
  /** Ids for the comments the rule writes, one per action, fixed before the first attempt. */
  commentIds: string[];
  /** The triggering event was this very rule's own change: a rule never sets itself off again. */
  selfTriggered?: boolean;
}

// A ticket's subject may hold line breaks; an email subject is one line.
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const textFor = (text: RuleText, language: string) => (language === 'ur' && text.ur ? text.ur : text.en);

/**
 * What one firing of `rule` does to `ticket`, in order: the firing's record, then each action that
 * changes something (a priority already set is not set again), all as one append. A firing whose
 * actions change nothing is not recorded at all. Past MAX_RULE_DEPTH only the record is made, with
 * outcome `loop_stopped` and why: the chain ends there.
 */
export function planRuleFiring(input: FiringInput): RuleFiringPlan {
  const { rule, ticket, trigger, matched, depth, commentIds } = input;
  const values: Record<RulePlaceholder, string> = {
    'customer.name': ticket.customer.name,
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject ?? '',
    'ticket.priority': ticket.priority,
    'rule.name': rule.content.name,
  };
  // {{ticket.priority}} reads the priority as the rule's earlier actions left it.
  const current = () => ({ ...values, 'ticket.priority': priority });
  const fill = (text: RuleText) => fillPlaceholders(textFor(text, ticket.customer.language), current());
  const commands: RuleTicketCommand[] = [];
  const actions: string[] = [];
  const notify: RuleNotice[] = [];
  let route = false;
  let tags = [...(ticket.tags ?? [])];
  let { priority, category, team, assigneeId } = ticket;
  const open = ticket.status !== 'resolved' && ticket.status !== 'closed';
  const reason = `rule: ${rule.content.name}`;
  let tagCommandAt: number | null = null;

  rule.content.actions.forEach((action: RuleAction, i) => {
    if (ticket.status === 'closed' && action.type !== 'add_tags' && action.type !== 'remove_tags' && action.type !== 'notify') return;
    switch (action.type) {
      case 'set_priority':
        if (action.priority === priority) return;
        priority = action.priority;
        commands.push({ type: 'PrioritizeTicket', data: { priority: action.priority, reason } });
        return void actions.push(`priority set to ${action.priority}`);
      case 'set_category':
        if (action.category === category) return;
        category = action.category;
        commands.push({ type: 'CategorizeTicket', data: { category: action.category } });
        return void actions.push(`category set to ${action.category}`);
      case 'set_team':
        if (action.team === team) return;
        team = action.team;
        commands.push({ type: 'SetTeam', data: { team: action.team, reason } });
        return void actions.push(action.team ? `routed to team ${action.team}` : 'taken off its team');
      case 'add_tags':
      case 'remove_tags': {
        const wanted = action.type === 'add_tags' ? action.tags.filter((t) => !tags.includes(t)) : action.tags.filter((t) => tags.includes(t));
        // The ticket decider refuses to give a ticket more than MAX_TAGS_PER_TICKET tags, and the whole firing with it: add what fits.
        const change = action.type === 'add_tags' ? wanted.slice(0, Math.max(0, MAX_TAGS_PER_TICKET - tags.length)) : wanted;
        if (change.length === 0) return;
        tags = action.type === 'add_tags' ? [...tags, ...change] : tags.filter((t) => !change.includes(t));
        // Every tag action of a firing becomes one TagTicket (filled in below): one TicketTagsChanged, not one per action.
        if (tagCommandAt === null) {
          tagCommandAt = commands.length;
          commands.push({ type: 'TagTicket', data: {} });
        }
        const leftOff = wanted.slice(change.length);
        const note = leftOff.length ? ` (not ${leftOff.join(', ')}: a ticket carries at most ${MAX_TAGS_PER_TICKET} tags)` : '';
        return void actions.push(`${action.type === 'add_tags' ? 'tagged' : 'untagged'} ${change.join(', ')}${note}`);
      }
      case 'assign':
        if (!open || action.agentId === assigneeId) return;
        assigneeId = action.agentId;
        commands.push({ type: 'AssignTicket', data: { agentId: action.agentId, reason } });
        return void actions.push(`assigned to ${action.agentId}`);
      case 'route':
        if (!open) return;
        route = true;
        return void actions.push('handed to routing');
      case 'internal_note':
      case 'public_reply':
        commands.push({ type: 'AddComment', data: { commentId: commentIds[i], body: fill(action.text), visibility: action.type === 'public_reply' ? 'public' : 'internal' } });
        return void actions.push(action.type === 'public_reply' ? 'replied to the customer' : 'added an internal note');
      case 'notify':
        if (action.to === 'assignee' && !assigneeId) return;
        notify.push({ to: action.to === 'assignee' ? `agent:${assigneeId}` : action.to, subject: oneLine(fillPlaceholders(action.subject, current())), body: fill(action.text) });
        return void actions.push(`notified ${action.to === 'assignee' ? `the assignee (${assigneeId})` : action.to}`);
    }
  });

  if (tagCommandAt !== null) {
    const before = ticket.tags ?? [];
    const add = tags.filter((t) => !before.includes(t));
    const remove = before.filter((t) => !tags.includes(t));
    if (add.length || remove.length) commands[tagCommandAt] = { type: 'TagTicket', data: { ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) } };
    else commands.splice(tagCommandAt, 1);
  }
  if (commands.length === 0 && notify.length === 0 && !route) return { commands: [], route: false };
  const base = { ruleId: rule.id, ruleName: rule.content.name, ruleVersion: rule.version, trigger, matched, depth: depth + 1 };
  if (input.selfTriggered || depth >= MAX_RULE_DEPTH) {
    const why = input.selfTriggered
      ? `Stopped: the rule's own change set it off again, and a rule never sets itself off. It would have: ${actions.join('; ')}.`
      : `Stopped: ${depth} rule firings in a row led here (at most ${MAX_RULE_DEPTH}); the rules set each other off. It would have: ${actions.join('; ')}.`;
    return { commands: [{ type: 'RecordRuleFiring', data: { ...base, actions, outcome: 'loop_stopped', reason: why, notify: [] } }], route: false };
  }
  return { commands: [{ type: 'RecordRuleFiring', data: { ...base, actions, outcome: 'applied', reason: null, notify } }, ...commands], route };
}
