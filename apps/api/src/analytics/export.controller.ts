import { Controller, Get, Inject, Param, ParseEnumPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { EXPORTABLE, Exportable, ExportQuery } from './dto/analytics-queries';
import { exportedAs } from './pii-mask';

const PROJECTION_OF: Record<Exportable, string> = {
  tickets: 'tickets', queue: 'queue', sla_breaches: 'sla_breaches', audit_trail: 'audit_trail', workload: 'workload', metrics_daily: 'metrics',
  kb_articles: 'knowledge', kb_suggestion_sessions: 'knowledge', kb_no_results: 'knowledge', satisfaction_ratings: 'metrics',
};

/**
 * An incremental feed of a projection collection for analysts' own tools: the documents changed
 * since a cursor, in the order they changed (each remembers the position of its last event), so
 * polling with `since=nextSince` keeps a copy in sync. Positions survive rebuilds.
 */
@ApiTags('analytics')
@Controller('export')
export class ExportController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':collection') @Allow('export')
  @ApiParam({ name: 'collection', enum: EXPORTABLE })
  @ApiOperation({ summary: 'Documents changed since a cursor, oldest change first; customer PII masked for analysts without a grant' })
  async changes(@CurrentPrincipal() principal: Principal, @Param('collection', new ParseEnumPipe(EXPORTABLE)) collection: Exportable, @Query() q: ExportQuery) {
    const docs = await this.readModels.collection(PROJECTION_OF[collection], collection);
    const page = await docs.find(q.since ? { _position: { $gt: q.since } } : {}, { sort: { _position: 1 }, limit: q.limit });
    const nextSince = (page[page.length - 1]?._position as string | undefined) ?? q.since ?? null;
    return { collection, items: page.map((d) => exportedAs(principal, collection, d, this.clock.now())), nextSince, more: page.length === q.limit };
  }
}
