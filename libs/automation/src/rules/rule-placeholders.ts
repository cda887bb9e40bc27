/** Placeholders a rule's replies, notes and notifications may use, filled from the ticket when it fires. */
export const RULE_PLACEHOLDERS = ['customer.name', 'ticket.number', 'ticket.subject', 'ticket.priority', 'rule.name'] as const;
export type RulePlaceholder = (typeof RULE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

export const placeholdersIn = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map(([, name]) => name);

export const fillPlaceholders = (text: string, values: Record<RulePlaceholder, string>): string =>
  text.replace(PLACEHOLDER, (_, name: RulePlaceholder) => values[name] ?? '');
