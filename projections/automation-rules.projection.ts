import { evolveRule, Rule, RULE_EVENT_TYPES, RULE_STREAM_PREFIX, RuleAction, RuleCondition, RuleEvent, RuleKind, ruleKind, RuleSchedule } from '@helpdesk/automation';
import { StoredEvent } from '@helpdesk/event-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';
import { RuleFiring, TICKET_STREAM_PREFIX } from '@helpdesk/ticketing';

export const AUTOMATION_RULES = 'automation_rules';

/** A document of `automation_rules`: one rule at its current version, and how often it has fired. */
export interface AutomationRuleView extends Doc {
  name: string;
  description: string | null;
  kind: RuleKind;
  events: string[] | null;
  schedule: RuleSchedule | null;
  conditions: RuleCondition[];
  actions: RuleAction[];
  enabled: boolean;
  order: number;
  version: number;
  /** The rule stream's revision (the ETag a change must send as If-Match). */
  revision: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  /** Firings that applied their actions (a firing stopped as a loop is not counted). */
  firedCount: number;
  lastFiredAt: string | null;
}

const TYPES = new Set<string>(RULE_EVENT_TYPES);

const ruleOf = (doc: AutomationRuleView): Rule => ({
  id: doc._id,
  version: doc.version,
  content: { name: doc.name, description: doc.description, events: doc.events, schedule: doc.schedule, conditions: doc.conditions, actions: doc.actions },
  enabled: doc.enabled,
  order: doc.order,
});

/** `automation_rules`: every automation rule (drafts included), folded from its stream, with the count of its firings on tickets. */
export function automationRulesProjection(): Projection {
  return {
    name: AUTOMATION_RULES,
    version: 1,
    collections: [{ name: AUTOMATION_RULES, indexes: [{ name: 'order', keys: [['order', 1], ['_id', 1]] }, { name: 'enabled_order', keys: [['enabled', 1], ['order', 1]] }] }],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const at = (stored.metadata.occurredAt as string | undefined) ?? stored.recordedAt.toISOString();
      if (stored.streamId.startsWith(RULE_STREAM_PREFIX) && TYPES.has(stored.type)) {
        const id = stored.streamId.slice(RULE_STREAM_PREFIX.length);
        const event = { type: stored.type, data: stored.data } as RuleEvent;
        const by = (stored.metadata.actor as { id?: string } | undefined)?.id ?? null;
        await uow.update<AutomationRuleView>(AUTOMATION_RULES, id, stored, (doc) => {
          const next = evolveRule(doc && ruleOf(doc), event);
          if (!next) return undefined;
          const { content } = next;
          return {
            _id: id,
            name: content.name,
            description: content.description,
            kind: ruleKind(content),
            events: content.events,
            schedule: content.schedule,
            conditions: content.conditions,
            actions: content.actions,
            enabled: next.enabled,
            order: next.order,
            version: next.version,
            revision: stored.revision,
            createdAt: doc?.createdAt ?? at,
            updatedAt: at,
            updatedBy: by,
            firedCount: doc?.firedCount ?? 0,
            lastFiredAt: doc?.lastFiredAt ?? null,
          };
        });
        return;
      }
      if (stored.type !== 'RuleFired' || !stored.streamId.startsWith(TICKET_STREAM_PREFIX)) return;
      const firing = stored.data as unknown as RuleFiring;
      if (firing.outcome !== 'applied' || typeof firing.ruleId !== 'string') return;
      await uow.update<AutomationRuleView>(AUTOMATION_RULES, firing.ruleId, stored, (doc) => (doc ? { ...doc, firedCount: doc.firedCount + 1, lastFiredAt: at } : undefined));
    },
  };
}
