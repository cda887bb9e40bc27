import { foldRule, RuleEvent, RuleState, ruleStreamId } from '@helpdesk/automation';
import { EventStore, StoredEvent } from '@helpdesk/event-store';

export const toRuleEvent = (stored: StoredEvent) => ({ type: stored.type, data: stored.data }) as RuleEvent;

/** A rule as its stream has it now (not the read model, which may lag); null when there is none. */
export async function readRule(store: EventStore, ruleId: string): Promise<RuleState> {
  return foldRule((await store.readStream(ruleStreamId(ruleId))).map(toRuleEvent));
}
