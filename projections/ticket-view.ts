import { Doc } from '@helpdesk/read-store';
import { Category, Channel, Customer, Priority, TicketStatus } from '@helpdesk/ticketing';
import { StoredSlaFact, TicketSla } from './ticket-sla';

/** A file on the ticket or on a comment; its bytes are in the blob store under `sha256`. */
export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Who recorded it (for mail, the helpdesk's own mail channel) and when. */
  actorId: string;
  at: string;
}

export interface CommentView {
  id: string;
  body: string;
  visibility: 'public' | 'internal';
  author: 'agent' | 'customer';
  actorId: string;
  at: string;
  attachments: AttachmentView[];
}

/** The fields every ticket-shaped read model shares (`tickets`, `queue`, SLA state). */
export interface TicketCore extends Doc {
  number: string;
  subject: string;
  channel: Channel;
  customer: Customer;
  category: Category;
  priority: Priority;
  /** Queue rank: 0 emergency, 1 high, 2 medium, 3 low. */
  rank: number;
  status: TicketStatus;
  open: boolean;
  assigneeId: string | null;
  acknowledged: boolean;
  team: string | null;
  submittedAt: string;
  updatedAt: string;
  assignedAt: string | null;
  acknowledgedAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  confirmedAt: string | null;
  closedAt: string | null;
  /** When the target falls due while its clock runs; NO_DEADLINE while met or paused from the start. */
  firstResponseDueAt: string;
  resolutionDueAt: string;
  /** The SLA clock's inputs (internal) and what the SLA library derives from them. */
  slaFacts: StoredSlaFact[];
  sla: TicketSla | null;
  /** Next warning or breach the SLA watch must record (indexed: it sleeps until the earliest). */
  slaNextAt: string | null;
  slaAtRisk: boolean;
  commentCount: number;
  publicCommentCount: number;
  reopenCount: number;
  /** Normalised tags (absent on documents projected before tags existed: read as none). */
  tags?: string[];
  revision: number;
}

/** The satisfaction offer of the ticket's latest resolution and the customer's rating of it. */
export interface SatisfactionView {
  offerId: string;
  /** False once a reopen before any rating voided the offer. */
  offered: boolean;
  score: number | null;
  /** Free text: shown to the ticket's customer, supervisors and admins only. */
  comment: string | null;
  changeableUntil: string;
  /** Made final before its deadline by a reopen after the rating. */
  frozen: boolean;
  ratedAt: string | null;
}

/** A document of the `tickets` collection: the current view of one ticket. */
export interface TicketView extends TicketCore {
  description: string;
  errorMessages: string[];
  stepsToReproduce: string | null;
  impact: string | null;
  resolution: string | null;
  /** Files submitted with the ticket (those added with comments are on the comments). */
  attachments: AttachmentView[];
  comments: CommentView[];
  /** Absent until the first resolution (and on documents projected before satisfaction existed). */
  satisfaction?: SatisfactionView | null;
  /** The customer was reminded that this resolution closes without an answer (reset by a new resolution). */
  autoCloseReminded?: boolean;
}
