import { EventStore, START, StreamChainVerifier, StreamVerification } from '@helpdesk/event-store';
import { ticketStreamId } from '@helpdesk/ticketing';
import { openCliContext } from './cli-context';

const BATCH = 5000;

/**
 * `verify <ticket id>` or `verify --all`: recomputes hash chains and names the first broken link
 * of each stream. `--all` reads the global feed once, in batches, keeping one hash per stream.
 */
export async function runVerify(ticket: string | undefined, all: boolean): Promise<number> {
  if (!all && !ticket) {
    console.error('verify needs a ticket id, or --all.');
    return 2;
  }
  const ctx = await openCliContext();
  try {
    const results = all ? await verifyAll(ctx.events) : [await verifyOne(ctx.events, ticketStreamId(ticket!.toLowerCase()))];
    const broken = results.filter((r) => !r.ok);
    for (const r of broken) {
      const b = r.firstBroken!;
      console.log(`BROKEN ${b.streamId} at revision ${b.revision} (event ${b.eventId}, position ${b.position}): ${b.reason}`);
    }
    const events = results.reduce((n, r) => n + r.events, 0);
    console.log(`${broken.length === 0 ? 'OK' : 'FAILED'}: ${results.length} stream(s), ${events} event(s) checked, ${broken.length} broken.`);
    return broken.length === 0 ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

async function verifyOne(events: EventStore, streamId: string): Promise<StreamVerification> {
  const verifier = new StreamChainVerifier(streamId);
  for (const event of await events.readStream(streamId)) verifier.add(event);
  return verifier.result();
}

async function verifyAll(events: EventStore): Promise<StreamVerification[]> {
  const verifiers = new Map<string, StreamChainVerifier>();
  for (let after = START; ; ) {
    const batch = await events.readAll(after, BATCH);
    if (batch.length === 0) break;
    for (const event of batch) {
      let verifier = verifiers.get(event.streamId);
      if (!verifier) verifiers.set(event.streamId, (verifier = new StreamChainVerifier(event.streamId)));
      verifier.add(event);
    }
    after = batch[batch.length - 1].position;
  }
  return [...verifiers.values()].map((v) => v.result());
}
