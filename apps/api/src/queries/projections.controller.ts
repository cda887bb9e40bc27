import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEAD_LETTER_COLLECTION, DeadLetter, ProjectionEngine } from '@helpdesk/projection-engine';
import { capabilitiesOf, READ_STORE, ReadStore } from '@helpdesk/read-store';
import { Allow } from '../auth/policy';
import { present } from './present';

@ApiTags('operations')
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly engine: ProjectionEngine,
    @Inject(READ_STORE) private readonly store: ReadStore,
  ) {}

  @Get() @Allow('projections')
  @ApiOperation({ summary: 'The read store\'s capabilities and mode; each projection: checkpoint, head, lag, state, rebuild progress, dead letters' })
  async status() {
    const letters = await this.store.collection<DeadLetter>(DEAD_LETTER_COLLECTION).find({}, { sort: { failedAt: -1 }, limit: 50 });
    return { readStore: capabilitiesOf(this.store), projections: await this.engine.status(), deadLetters: letters.map(present) };
  }
}
