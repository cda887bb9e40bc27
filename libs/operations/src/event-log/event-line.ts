import { StoredEvent } from '@helpdesk/event-store';

/**
 * One event as a line of the NDJSON export: everything the store recorded, with its hash-chain
 * link untouched in `metadata.chain`. `position` is where it stood in the source's global feed
 * (the target assigns its own); `recordedAt` is when the source committed it.
 */
export interface EventLine {
  id: string;
  streamId: string;
  revision: number;
  position: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

export function toEventLine(event: StoredEvent): string {
  const line: EventLine = {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
  return JSON.stringify(line);
}

/** A line that is not an exported event. */
export class BadEventLineError extends Error {
  override readonly name = 'BadEventLineError';
  constructor(readonly lineNumber: number, detail: string) {
    super(`line ${lineNumber}: ${detail}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks one line; throws BadEventLineError naming what is wrong. */
export function parseEventLine(text: string, lineNumber: number): StoredEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BadEventLineError(lineNumber, 'not JSON');
  }
  if (!isObject(raw)) throw new BadEventLineError(lineNumber, 'not a JSON object');
  const bad = (field: string, want: string) => new BadEventLineError(lineNumber, `"${field}" must be ${want}`);
  if (typeof raw.id !== 'string' || raw.id === '') throw bad('id', 'a non-empty string');
  if (typeof raw.streamId !== 'string' || raw.streamId === '') throw bad('streamId', 'a non-empty string');
  if (!Number.isSafeInteger(raw.revision) || (raw.revision as number) < 0) throw bad('revision', 'a non-negative integer');
  if (typeof raw.position !== 'string' || !/^\d{1,20}$/.test(raw.position)) throw bad('position', 'a decimal string');
  if (typeof raw.type !== 'string' || raw.type === '') throw bad('type', 'a non-empty string');
  if (!isObject(raw.data)) throw bad('data', 'an object');
  if (!isObject(raw.metadata)) throw bad('metadata', 'an object');
  const recordedAt = new Date(typeof raw.recordedAt === 'string' ? raw.recordedAt : NaN);
  if (Number.isNaN(recordedAt.getTime())) throw bad('recordedAt', 'an ISO date');
  return {
    id: raw.id,
    streamId: raw.streamId,
    revision: raw.revision as number,
    position: BigInt(raw.position),
    type: raw.type,
    data: raw.data,
    metadata: raw.metadata,
    recordedAt,
  };
}
