/** Ticket search and the customer context as the API answers them (apps/api/src/search). */
import type { Category, Customer, Priority, Status } from '../api/types';
import type { Segment } from '../knowledge/kb-types';

export interface TicketHit {
  id: string;
  number: string;
  subject: string;
  subjectHighlighted: Segment[];
  snippet: Segment[];
  customerName: string;
  customerNameHighlighted: Segment[];
  status: Status;
  open: boolean;
  priority: Priority;
  category: Category;
  submittedAt: string;
  /** Staff only. */
  assigneeId?: string | null;
  team?: string | null;
}

export interface TicketHits {
  items: TicketHit[];
  nextCursor: string | null;
}

export interface CustomerContextAnswer {
  ticketId: string;
  customer: Pick<Customer, 'name' | 'email' | 'timezone' | 'language'>;
  tickets: Array<{ id: string; number: string; subject: string; status: Status; open: boolean; priority: Priority; submittedAt: string }>;
  totalTickets: number;
  ratings: Array<{ ticketId: string; number: string; score: number; ratedAt: string; comment?: string | null; hasComment?: boolean }>;
}
