import { RuleContent } from './rule';
import { RuleEvent } from './rule-events';

export interface Rule {
  id: string;
  version: number;
  content: RuleContent;
  enabled: boolean;
  order: number;
}

export type RuleState = Rule | null;

export function evolveRule(state: RuleState, event: RuleEvent): RuleState {
  switch (event.type) {
    case 'RuleCreated':
      return { id: event.data.ruleId, version: 1, content: event.data.content, enabled: false, order: event.data.order };
    case 'RuleChanged':
      return state && { ...state, version: event.data.version, content: event.data.content };
    case 'RuleEnabled':
      return state && { ...state, enabled: true };
    case 'RuleDisabled':
      return state && { ...state, enabled: false };
    case 'RuleReordered':
      return state && { ...state, order: event.data.order };
  }
}

export const foldRule = (events: readonly RuleEvent[], state: RuleState = null): RuleState => events.reduce(evolveRule, state);

/** Rules in the order they run: by `order`, then by id so equal orders are still one order. */
export const byRuleOrder = (a: Pick<Rule, 'order' | 'id'>, b: Pick<Rule, 'order' | 'id'>) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
