import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { RULE_FIRINGS, RuleFiringView } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { present } from '../queries/present';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ListTotals } from '../queries/list-totals';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { RuleFiringsQuery } from './dto/rule-queries';

/** "Why did this happen?": every firing of every automation rule, with the conditions that held and what it did. */
@ApiTags('automation')
@UseInterceptors(ConsistencyInterceptor)
@Controller('automation/firings')
export class RuleFiringsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly totals: ListTotals,
  ) {}

  @Get() @Allow('automation.firings')
  @ReadsFrom(RULE_FIRINGS)
  @ApiOperation({ summary: 'Rule firings, newest first: which rule (and version), on which ticket, set off by what, what matched, what it did' })
  async list(@Query() q: RuleFiringsQuery) {
    const firings = await this.readModels.collection<RuleFiringView>(RULE_FIRINGS);
    const filter: Record<string, unknown> = {};
    if (q.ruleId) filter.ruleId = q.ruleId.toLowerCase();
    if (q.ticketId) filter.ticketId = q.ticketId.toLowerCase();
    if (q.outcome) filter.outcome = q.outcome;
    // Firings of one append share their instant: the log's order keeps newest first among them.
    const page = await firings.findPage(filter, { sort: { at: -1, _position: -1 }, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(present), nextCursor: page.nextCursor ?? null, ...(await this.totals.of(firings, filter)) };
  }
}
