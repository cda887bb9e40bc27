import { randomUUID } from 'node:crypto';
import { CommandResult, TicketCommandRunner } from '@helpdesk/application';
import { MAX_RULE_DEPTH, planRuleFiring, Rule } from '@helpdesk/automation';
import { RuleTrigger, TicketError } from '@helpdesk/ticketing';

/** The helpdesk's automation acts as the `system`, like every other reactor. */
export const AUTOMATION_ACTOR = { id: 'automation', role: 'system' } as const;

export interface Firing {
  rule: Rule;
  ticketId: string;
  trigger: RuleTrigger;
  matched: string[];
  /** Depth of what set it off (the triggering event's; 0 for a clock). */
  depth: number;
  /** The triggering event was this rule's own change (it is recorded as stopped, never run again). */
  selfTriggered?: boolean;
  /** One per rule and trigger: a redelivered event or a second pass appends nothing again. */
  idempotencyKey: string;
  correlationId: string;
}

/** Hands a ticket to routing after the firing's own append (a port, so the reactor needs no NestJS). */
export type RouteTicket = (ticketId: string, why: string, options: { idempotencyKey: string; causationId: string; after: CommandResult }) => Promise<void>;

/**
 * Runs one firing through the ordinary ticket commands: RuleFired and the actions' commands as
 * one append, under the firing's idempotency key, so a firing is applied whole, once, or not at
 * all. Its events name the rule, its version, the triggering event and the depth of the chain
 * (metadata.automation); the causation id names the rule and the trigger. "Hand to routing" runs
 * after the append under a key of its own, so a retry after a crash between the two routes once.
 */
export class RuleFirer {
  constructor(
    private readonly tickets: TicketCommandRunner,
    private readonly route: RouteTicket,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** The append's result; null when the firing changed nothing or the ticket could not take it. */
  async fire(firing: Firing): Promise<CommandResult | null> {
    const { rule, ticketId, trigger, matched, depth, idempotencyKey } = firing;
    const triggerId = trigger.kind === 'event' ? trigger.eventId : `${trigger.clock}@${trigger.since}`;
    const commentIds = rule.content.actions.map(() => randomUUID());
    let routes = false;
    const envelope = {
      actor: AUTOMATION_ACTOR,
      scope: {},
      correlationId: firing.correlationId,
      causationId: idempotencyKey,
      idempotencyKey,
      request: { ruleId: rule.id, ruleVersion: rule.version, trigger: triggerId },
      metadata: { automation: { ruleId: rule.id, ruleVersion: rule.version, ruleName: rule.content.name, trigger: triggerId, depth: depth + 1 } },
    };
    let result: CommandResult;
    try {
      result = await this.tickets.executeAll(
        ticketId,
        (ticket) => {
          const plan = planRuleFiring({ rule, ticket, trigger, matched, depth, commentIds, selfTriggered: firing.selfTriggered });
          routes = plan.route;
          return plan.commands;
        },
        envelope,
      );
    } catch (error) {
      // Nothing left to change, or the ticket moved on meanwhile (closed, say): this firing is moot.
      if (error instanceof TicketError) {
        if (error.code !== 'illegal_transition') this.log(`rule "${rule.content.name}" on ticket ${ticketId}: ${error.message}`);
        return null;
      }
      throw error;
    }
    // A replayed append did not plan again: whether it routes comes from the rule itself.
    if (result.replayed) routes = !firing.selfTriggered && depth < MAX_RULE_DEPTH && rule.content.actions.some((a) => a.type === 'route');
    if (routes) await this.route(ticketId, `Handed to routing by rule "${rule.content.name}" (v${rule.version}). `, { idempotencyKey: `${idempotencyKey}:route`, causationId: idempotencyKey, after: result });
    return result;
  }
}
