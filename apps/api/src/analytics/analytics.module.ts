import { Module } from '@nestjs/common';
import { ExportController } from './export.controller';
import { MetricsController } from './metrics.controller';

/** What analysts use: metrics over `metrics_daily` and `queue`, and incremental exports of every collection. */
@Module({ controllers: [MetricsController, ExportController] })
export class AnalyticsModule {}
