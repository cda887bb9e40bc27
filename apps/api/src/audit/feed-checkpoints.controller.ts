import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FeedCheckpointer } from '@helpdesk/application';
import { CHECKPOINT_STREAM, CheckpointSigner, EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Actor } from '@helpdesk/ticketing';
import { CurrentActor } from '../http/actor';
import { problem } from '../http/problem';

/** Signed checkpoints of the global feed, and the public key that verifies them. */
@ApiTags('audit')
@Controller('audit/checkpoints')
export class FeedCheckpointsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpointer: FeedCheckpointer,
    private readonly signer: CheckpointSigner,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The latest signed checkpoints, newest first, with the public key (PEM) that verifies them' })
  async list(@CurrentActor() _actor: Actor) {
    const events = await this.store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 20 });
    return { keyId: this.signer.keyId, publicKey: this.signer.publicKeyPem(), items: events.map((e) => ({ ...e.data, recordedAt: e.recordedAt.toISOString() })) };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Signs the feed now (admins); answers the new checkpoint, or null when nothing happened since the last' })
  async signNow(@CurrentActor() actor: Actor) {
    if (actor.role !== 'admin') throw problem(403, 'not-allowed', 'Not allowed', 'Only an admin may sign the feed on demand.');
    return { checkpoint: await this.checkpointer.checkpoint() };
  }
}
