import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Allow } from '../auth/policy';
import { HelpdeskMetrics } from './helpdesk-metrics';

/** Prometheus's scrape endpoint: admins and auditors signed in, or a scraper with METRICS_TOKEN. */
@ApiTags('monitoring')
@SkipThrottle()
@Controller('metrics')
export class PrometheusController {
  constructor(private readonly metrics: HelpdeskMetrics) {}

  @Get('prometheus') @Allow('monitoring.prometheus') @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
