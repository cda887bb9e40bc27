import type { Category, Language, Priority } from '@helpdesk/ticketing';

/** What routing needs to know about a ticket. */
export interface RoutableTicket {
  id: string;
  /** When set, only members of this team are considered. */
  team?: string | null;
  category: Category;
  language: Language;
  priority: Priority;
}

/** Open tickets per agent id; an agent not listed has none. */
export type AgentLoads = Readonly<Record<string, number>>;
