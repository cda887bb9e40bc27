import { randomUUID } from 'node:crypto';
import { EventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { formatTicketNumber, nextBlock, TICKET_NUMBER_STREAM, TicketNumberBlock } from '@helpdesk/ticketing';

/**
 * Hi/lo allocation of human ticket numbers. Each process reserves a block of numbers by
 * appending `TicketNumberBlockReserved` to the counter stream with optimistic concurrency, then
 * hands them out from memory. Numbers are unique across processes; a restart leaves a gap.
 */
export class TicketNumberAllocator {
  private block: TicketNumberBlock | null = null;
  private nextNumber = 0;
  private reserving: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly blockSize = 20,
  ) {}

  async next(): Promise<string> {
    for (;;) {
      if (this.block && this.nextNumber <= this.block.to) return formatTicketNumber(this.nextNumber++);
      this.reserving ??= this.reserve().finally(() => (this.reserving = null));
      await this.reserving;
    }
  }

  private async reserve(): Promise<void> {
    for (;;) {
      const [last] = await this.store.readStream(TICKET_NUMBER_STREAM, { direction: 'backwards', maxCount: 1 });
      const block = nextBlock(last ? (last.data as unknown as TicketNumberBlock) : null, this.blockSize);
      try {
        await this.store.append(
          TICKET_NUMBER_STREAM,
          [{ id: randomUUID(), type: 'TicketNumberBlockReserved', data: { ...block }, metadata: { occurredAt: new Date().toISOString() } }],
          last ? last.revision : 'no_stream',
        );
        this.block = block;
        this.nextNumber = block.from;
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
  }
}
