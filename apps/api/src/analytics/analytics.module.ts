import { Module } from '@nestjs/common';
import { ExportController } from './export.controller';
import { MetricsController } from './metrics.controller';
import { RatingsController } from './ratings.controller';

/** What analysts use: metrics over `metrics_daily` and `queue`, satisfaction ratings, and incremental exports of every collection. */
@Module({ controllers: [MetricsController, RatingsController, ExportController] })
export class AnalyticsModule {}
