import { Module } from '@nestjs/common';
import { BacklogAgesController } from './backlog-ages.controller';
import { ExportController } from './export.controller';
import { MetricSummaryController } from './metric-summary.controller';
import { MetricsController } from './metrics.controller';
import { RatingsController } from './ratings.controller';

/** What analysts and the supervisor dashboard use: metrics over `metrics_daily` and `queue` (summaries, backlog ages), satisfaction ratings, and incremental exports of every collection. */
@Module({ controllers: [MetricsController, MetricSummaryController, BacklogAgesController, RatingsController, ExportController] })
export class AnalyticsModule {}
