import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { ReadModels } from '@helpdesk/projection-engine';
import { Filter } from '@helpdesk/read-store';
import { SATISFACTION_RATINGS, SatisfactionRating } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { RatingsQuery } from './dto/analytics-queries';
import { presentRating } from './present-rating';

const ZONE = 'Asia/Karachi';

/** Customers' satisfaction ratings one by one, newest first: what supervisors read the comments in. */
@ApiTags('analytics')
@UseInterceptors(ConsistencyInterceptor)
@Controller('metrics')
export class RatingsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('ratings') @Allow('metrics.ratings')
  @ReadsFrom('metrics')
  @ApiOperation({ summary: 'Satisfaction ratings, newest first, with filters; comments for supervisors and admins, customers masked for analysts without a grant' })
  async ratings(@CurrentPrincipal() principal: Principal, @Query() q: RatingsQuery) {
    if (q.from && q.to && q.from > q.to) throw problem(400, 'validation-failed', 'Invalid request', 'from must not be after to.');
    const ratedAt: Record<string, string> = { $ne: null as unknown as string };
    if (q.from) ratedAt.$gte = DateTime.fromISO(q.from, { zone: ZONE }).startOf('day').toUTC().toISO()!;
    if (q.to) ratedAt.$lt = DateTime.fromISO(q.to, { zone: ZONE }).plus({ days: 1 }).startOf('day').toUTC().toISO()!;
    const filter: Filter = {
      ratedAt,
      ...(q.score ? { score: { $in: q.score } } : {}),
      ...(q.withComment === 'true' ? { comment: { $ne: null } } : q.withComment === 'false' ? { comment: null } : {}),
      ...(q.agentId ? { agentId: q.agentId } : {}),
      ...(q.team ? { team: q.team } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.priority ? { priority: q.priority } : {}),
      ...(q.channel ? { channel: q.channel } : {}),
    };
    const ratings = await this.readModels.collection<SatisfactionRating>('metrics', SATISFACTION_RATINGS);
    const page = await ratings.findPage(filter, { sort: { ratedAt: -1 }, limit: q.limit, cursor: q.cursor });
    return { zone: ZONE, items: page.items.map((r) => presentRating(r, principal)), nextCursor: page.nextCursor ?? null };
  }
}
