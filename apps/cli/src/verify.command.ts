import { EventStore, FeedVerification, FeedVerifier, START, StreamChainVerifier } from '@helpdesk/event-store';
import { ticketStreamId } from '@helpdesk/ticketing';
import { existingCheckpointSigner } from '../../api/src/audit/audit-signing-key';
import { validateSettings } from '../../api/src/config/settings';
import { openCliContext } from './cli-context';

const BATCH = 5000;

/**
 * `verify <ticket id>`: that ticket's hash chain. `verify --all`: reads the global feed once, in
 * batches: every stream's chain, and every signed checkpoint against the recomputed feed hash.
 */
export async function runVerify(ticket: string | undefined, all: boolean): Promise<number> {
  if (!all && !ticket) {
    console.error('verify needs a ticket id, or --all.');
    return 2;
  }
  const ctx = await openCliContext();
  try {
    const result = all ? await verifyAll(ctx.stored) : await verifyOne(ctx.stored, ticketStreamId(ticket!.toLowerCase()));
    for (const b of result.brokenStreams) {
      console.log(`BROKEN ${b.streamId} at revision ${b.revision} (event ${b.eventId}, position ${b.position}): ${b.reason}`);
    }
    for (const p of result.checkpointProblems) {
      console.log(`BROKEN checkpoint at position ${p.checkpointPosition} (covering up to ${p.covers}): ${p.reason}`);
    }
    const broken = result.brokenStreams.length + result.checkpointProblems.length;
    console.log(
      `${result.ok ? 'OK' : 'FAILED'}: ${result.streams.length} stream(s), ${result.events} event(s), ${result.checkpointsChecked} signed checkpoint(s) checked, ${broken} broken.`,
    );
    return result.ok ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

async function verifyOne(events: EventStore, streamId: string): Promise<FeedVerification> {
  const verifier = new StreamChainVerifier(streamId);
  for (const event of await events.readStream(streamId)) verifier.add(event);
  const stream = verifier.result();
  return { ok: stream.ok, events: stream.events, streams: [stream], checkpointsChecked: 0, checkpointProblems: [], brokenStreams: stream.firstBroken ? [stream.firstBroken] : [] };
}

async function verifyAll(events: EventStore): Promise<FeedVerification> {
  const signer = existingCheckpointSigner(validateSettings(process.env));
  if (!signer) console.log('No audit signing key found: checkpoint signatures are not checked (feed hashes still are).');
  const verifier = new FeedVerifier(signer?.publicKey);
  for (let after = START; ; ) {
    const batch = await events.readAll(after, BATCH);
    if (batch.length === 0) break;
    for (const event of batch) verifier.add(event);
    after = batch[batch.length - 1].position;
  }
  return verifier.result();
}
