import type { Category, Priority } from '@helpdesk/ticketing';

/** What the SLA clock needs to know about a ticket, in the order it happened. */
export type SlaFact =
  | { readonly type: 'submitted'; readonly at: Date; readonly priority: Priority; readonly category: Category }
  | { readonly type: 'first_public_agent_reply'; readonly at: Date }
  | { readonly type: 'waiting_on_customer'; readonly at: Date }
  | { readonly type: 'customer_replied' | 'work_resumed'; readonly at: Date }
  | { readonly type: 'resolved'; readonly at: Date }
  | { readonly type: 'reopened'; readonly at: Date }
  | { readonly type: 'reprioritized'; readonly at: Date; readonly priority: Priority; readonly category: Category }
  | { readonly type: 'closed'; readonly at: Date };

export type SlaFactType = SlaFact['type'];
