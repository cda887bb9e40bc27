import { Doc } from '@helpdesk/read-store';

/** An event a projection could not apply after retries: kept, reported, never silently skipped. */
export interface DeadLetter extends Doc {
  projection: string;
  generation: number;
  position: string;
  eventId: string;
  streamId: string;
  type: string;
  error: string;
  attempts: number;
  failedAt: string;
}
