/**
 * The shapes of the public HTTP API the UI reads (see /api/docs). The domain's value types are
 * imported as types only (erased from the bundle), so a new status or category is a type error here.
 */
import type { Category, Customer, Language, Priority, TicketStatus } from '@helpdesk/ticketing';
import type { RuleAction } from '../../../../../libs/automation/src/rules/rule-action';
import type { RuleCondition } from '../../../../../libs/automation/src/rules/rule-condition';
import type { RuleSchedule } from '../../../../../libs/automation/src/rules/rule-schedule';

export type { Category, Customer, Language, Priority };
export type Status = TicketStatus;
export type Role = 'customer' | 'agent' | 'supervisor' | 'auditor' | 'analyst' | 'admin';

export const OPEN_STATUSES: readonly Status[] = ['new', 'assigned', 'in_progress', 'waiting_on_customer'];
export const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];
export const CATEGORIES: readonly Category[] = ['emergency', 'alert', 'incident', 'question', 'feature_request', 'general'];
export const LANGUAGES: readonly Language[] = ['en', 'ur', 'other'];

export interface Profile {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: string[];
  piiAccess: boolean;
}

export interface TokenPair {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  user: Profile;
}

export interface SlaTarget {
  status: 'running' | 'paused' | 'met' | 'breached';
  dueAt: string | null;
  warningAt: string | null;
  metAt?: string | null;
  businessMinutesRemaining?: number | null;
}

export interface TicketSla {
  firstResponse: SlaTarget;
  resolution: SlaTarget;
  atRisk: boolean;
}

export interface QueueItem {
  id: string;
  number: string;
  subject: string;
  customer: Customer;
  customerName: string;
  priority: Priority;
  category: Category;
  status: Status;
  assigneeId: string | null;
  acknowledged: boolean;
  submittedAt: string;
  sla: TicketSla | null;
  slaAtRisk: boolean;
  /** Staff see them; absent for customers. */
  tags?: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
  /** False when the server stopped counting at its cap: there are more than `total`. Absent: exact. */
  totalExact?: boolean;
}

export interface QueueCounts {
  views: Record<string, number>;
  facets: Record<'status' | 'priority' | 'category' | 'language', Record<string, number>>;
  /** Where counting stopped: a count equal to it means at least that many. Null: every count is exact. */
  countCap: number | null;
}

export interface Comment {
  id: string;
  body: string;
  visibility: 'public' | 'internal';
  author: 'agent' | 'customer';
  actorId: string;
  at: string;
}

export interface Ticket extends QueueItem {
  channel: string;
  description: string;
  errorMessages: string[];
  stepsToReproduce: string | null;
  impact: string | null;
  resolution: string | null;
  comments: Comment[];
  team: string | null;
  revision: number;
  open: boolean;
}

export interface StoredEvent {
  id: string;
  type: string;
  revision: number;
  position: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: { actor?: { id: string; role: string }; occurredAt?: string; [k: string]: unknown };
}

export interface CommandResult {
  id: string;
  number?: string;
  revision: number;
  position: string;
}

export interface AgentRecord {
  id: string;
  name: string;
  timeZone: string;
  active: boolean;
  availability: string;
  languages: Language[];
  openTickets: number;
}

/** The answer to a request for a link and code (the same for every address). */
export interface VerificationSent {
  status: 'sent';
  expiresInMinutes: number;
}

/** A proved address: signed in, and the ticket a web form was waiting to file. */
export interface Verified extends TokenPair {
  ticket?: { id: string; number: string; position: string };
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  actorId: string;
  at: string;
}

/** The satisfaction survey of a resolution (the csat branch records it). */
export interface Satisfaction {
  offered: boolean;
  score?: number;
  comment?: string;
  changeableUntil?: string;
  final: boolean;
}

/** A ticket as its customer sees it (GET /tickets/:id as a customer): no staff fields. */
export interface CustomerTicket {
  id: string;
  number: string;
  subject: string;
  description: string;
  errorMessages: string[];
  stepsToReproduce: string | null;
  impact: string | null;
  channel: string;
  category: Category;
  priority: Priority;
  status: Status;
  open: boolean;
  customer: Customer;
  submittedAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  confirmedAt: string | null;
  closedAt: string | null;
  resolution: string | null;
  sla: { firstResponse: { status: string; dueAt: string | null; metAt: string | null } | null; resolution: { status: string; dueAt: string | null; metAt: string | null } | null } | null;
  attachments: Attachment[];
  comments: Array<Comment & { attachments: Attachment[] }>;
  revision: number;
  satisfaction?: Satisfaction;
}

// ---- Automation rules (GET/POST /automation/rules; the content types are the domain's own) ----
export type { RuleAction, RuleActionType, RuleText } from '../../../../../libs/automation/src/rules/rule-action';
export type { RuleCondition, RuleConditionField } from '../../../../../libs/automation/src/rules/rule-condition';
export type { RuleClock, RuleDurationUnit, RuleSchedule } from '../../../../../libs/automation/src/rules/rule-schedule';

/** What a supervisor writes: a trigger names ticket events, a time-based rule a schedule (exactly one). */
export interface RuleBody {
  name: string;
  description: string | null;
  events: string[] | null;
  schedule: RuleSchedule | null;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

/** A rule as GET /automation/rules lists it, in the order rules run. */
export interface RuleView extends RuleBody {
  id: string;
  kind: 'trigger' | 'time';
  enabled: boolean;
  order: number;
  version: number;
  revision: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  firedCount: number;
  lastFiredAt: string | null;
}

/** What POST /automation/rules/backtest answers: the firings a draft rule would have made. */
export type { BacktestMatch, BacktestResult } from '../../../../../libs/automation/src/rules/backtest-result';
