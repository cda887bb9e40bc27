import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FeedCheckpointer } from '@helpdesk/application';
import { CHECKPOINT_STREAM, checkpointSignatureValid, CheckpointSigner, EVENT_STORE, EventStore, FeedCheckpoint } from '@helpdesk/event-store';
import { Allow } from '../auth/policy';

/** Signed checkpoints of the global feed, and the public key that verifies them. */
@ApiTags('audit')
@Controller('audit/checkpoints')
export class FeedCheckpointsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpointer: FeedCheckpointer,
    private readonly signer: CheckpointSigner,
  ) {}

  @Get() @Allow('audit.checkpoints.list')
  @ApiOperation({
    summary: 'The latest signed checkpoints, newest first, with the public key (PEM) that verifies them',
    description: 'signatureValid: whether the signature verifies with that key; null for a checkpoint signed by another key (before a key change).',
  })
  async list() {
    const events = await this.store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 20 });
    return { keyId: this.signer.keyId, publicKey: this.signer.publicKeyPem(), items: events.map((e) => ({ ...e.data, recordedAt: e.recordedAt.toISOString(), signatureValid: this.signatureValid(e.data as unknown as FeedCheckpoint) })) };
  }

  @Post() @Allow('audit.checkpoints.sign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Signs the feed now (admins); answers the new checkpoint, or null when nothing happened since the last' })
  async signNow() {
    return { checkpoint: await this.checkpointer.checkpoint() };
  }

  /** Only the feed read whole (`cli verify --all`) checks a checkpoint against the events it covers; the signature is checked here. */
  private signatureValid(checkpoint: FeedCheckpoint): boolean | null {
    return checkpoint.keyId === this.signer.keyId ? checkpointSignatureValid(checkpoint, this.signer.publicKey) : null;
  }
}
