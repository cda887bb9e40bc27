import { Category, Priority } from '@helpdesk/ticketing';

/** A reply or note in English, and in Urdu for customers whose language is Urdu. */
export interface RuleText {
  en: string;
  ur: string | null;
}

/**
 * What a rule does when it fires; each runs through the ordinary ticket commands as the `system`.
 *  - set the priority, the category or the team; add or remove tags;
 *  - assign to an agent, or hand the ticket to routing (which picks an eligible agent);
 *  - add an internal note, or send a public reply (placeholders filled, in the customer's language);
 *  - notify the assignee or an address by email, through the notification outbox.
 */
export type RuleAction =
  | { type: 'set_priority'; priority: Priority }
  | { type: 'set_category'; category: Category }
  | { type: 'set_team'; team: string | null }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'assign'; agentId: string }
  | { type: 'route' }
  | { type: 'internal_note'; text: RuleText }
  | { type: 'public_reply'; text: RuleText }
  | { type: 'notify'; to: string; subject: string; text: RuleText };

export type RuleActionType = RuleAction['type'];
export const RULE_ACTION_TYPES: readonly RuleActionType[] = ['set_priority', 'set_category', 'set_team', 'add_tags', 'remove_tags', 'assign', 'route', 'internal_note', 'public_reply', 'notify'];
