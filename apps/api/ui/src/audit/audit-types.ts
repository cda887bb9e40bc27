/**
 * What the audit endpoints answer (see /api/docs): a ticket's history from the event store, its
 * state at a point, the verdict on its hash chain, the signed feed checkpoints and the trail.
 */
import type { Category, Ticket } from '@helpdesk/ticketing';

export interface Actor {
  id: string;
  role: string;
}

export interface ChainLink {
  prev: string;
  hash: string;
}

/** GET /tickets/:id/history: one event. */
export interface HistoryEntry {
  revision: number;
  position: string;
  type: string;
  actor: Actor | null;
  occurredAt: string;
  recordedAt: string;
  sentence: string;
  data: Record<string, unknown>;
  /** Null for an event written before events were chained. */
  chain: ChainLink | null;
}

export interface History {
  ticketId: string;
  items: HistoryEntry[];
}

/** The ticket as the domain folds it (GET /tickets/:id/state): the decider's own state. */
export type TicketState = Ticket;

export interface StateAnswer {
  ticketId: string;
  at?: string;
  /** The last event folded in. */
  revision: number;
  state: TicketState;
}

/** GET /audit/verify?ticket=: the ticket's chain recomputed. */
export interface Verification {
  ticketId: string;
  streamId: string;
  events: number;
  ok: boolean;
  firstBroken?: { streamId: string; revision: number; eventId: string; position: string; reason: string };
}

export interface Checkpoint {
  position: string;
  events: number;
  feedHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
  recordedAt: string;
  /** Null: signed by another key than the one the API holds now. */
  signatureValid: boolean | null;
}

export interface Checkpoints {
  keyId: string;
  publicKey: string;
  items: Checkpoint[];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** GET /audit/trail: one entry. */
export interface AuditEntry {
  id: string;
  ticketId: string;
  number: string;
  type: string;
  actor: Actor | null;
  occurredAt: string;
  recordedAt: string;
  revision: number;
  position: string;
  category: Category;
  changes: FieldChange[];
  data: Record<string, unknown>;
}

export interface TrailPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
