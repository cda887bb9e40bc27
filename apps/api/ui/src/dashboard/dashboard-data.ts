import { ApiClient } from '../api/client';
import { QueueCounts } from '../api/types';
import { lastDays } from '../analytics/date-range';
import { AgentLoad, BacklogAges, MetricSummary, SlaRow } from '../analytics/metric-types';

/** Days the dashboard's first-response and satisfaction figures cover, up to today. */
export const FIRST_RESPONSE_DAYS = 7;
export const SATISFACTION_DAYS = 30;

/** Everything the supervisor dashboard shows, read at one moment. */
export interface DashboardData {
  counts: QueueCounts;
  ages: BacklogAges;
  atRisk: SlaRow[];
  overdue: SlaRow[];
  workload: AgentLoad[];
  firstResponse: MetricSummary;
  satisfaction: MetricSummary;
}

/** The dashboard's reads, all at once: the existing query endpoints plus the metrics summary and backlog ages. */
export async function loadDashboard(api: ApiClient, now: Date): Promise<DashboardData> {
  const [counts, ages, atRisk, breaches, workload, firstResponse, satisfaction] = await Promise.all([
    // The figures sum these counts, so they must be whole: exact, not stopped at the queue's badge cap.
    api.query<QueueCounts>('/queue/counts', { view: 'all', exact: 'true' }),
    api.query<BacklogAges>('/metrics/backlog/ages'),
    api.query<{ items: SlaRow[] }>('/sla/at-risk'),
    api.query<{ overdue: SlaRow[] }>('/sla/breaches', { limit: '1' }),
    api.query<{ items: AgentLoad[] }>('/workload', { limit: '100' }),
    api.query<MetricSummary>('/metrics/summary', { dimension: 'agent', ...lastDays(now, FIRST_RESPONSE_DAYS) }),
    api.query<MetricSummary>('/metrics/summary', { dimension: 'all', ...lastDays(now, SATISFACTION_DAYS) }),
  ]);
  return {
    counts,
    ages,
    atRisk: atRisk.items,
    overdue: breaches.overdue,
    workload: workload.items,
    firstResponse,
    satisfaction,
  };
}
