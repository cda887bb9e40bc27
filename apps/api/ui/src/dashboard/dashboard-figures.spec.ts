import { translator } from '../i18n/i18n';
import { figureFormats } from '../analytics/figure-formats';
import { DashboardData } from './dashboard-data';
import { dashboardFigures, firstResponse, workload } from './dashboard-figures';

const t = translator('en');
const f = figureFormats('en', t);
const summary = (items: DashboardData['firstResponse']['items']) => ({ zone: 'Asia/Karachi', dimension: 'agent' as const, from: '2026-01-01', to: '2026-01-07', items });
const names: Record<string, string> = { 'agent-ali': 'Ali Hassan', 'agent-sara': 'Sara Malik' };
const nameOf = (id: string) => names[id] ?? id;
const data = (over: Partial<DashboardData> = {}): DashboardData => ({
  counts: { views: {}, facets: { status: { new: 2, assigned: 1, in_progress: 0, waiting_on_customer: 0 }, priority: {}, category: {}, language: {} }, countCap: null },
  ages: { at: '2026-01-07T10:00:00Z', open: 3, buckets: [{ bucket: 'under_1h', fromHours: 0, toHours: 1, count: 3 }] },
  atRisk: [],
  overdue: [],
  workload: [
    { agentId: 'agent-sara', open: 1, byStatus: { in_progress: 1 } },
    { agentId: 'agent-ali', open: 1, byStatus: { assigned: 1 } },
    { agentId: 'agent-gone', open: 0, byStatus: { assigned: 0 } },
  ],
  firstResponse: summary([]),
  satisfaction: summary([]),
  ...over,
});

describe('the supervisor dashboard’s figures', () => {
  it('shows six charts, each with a caption for its table', () => {
    const all = dashboardFigures(data(), t, f, nameOf);
    expect(all.map((x) => x.id)).toEqual(['backlog-status', 'backlog-age', 'sla', 'workload', 'first-response', 'csat']);
    expect(all[0].caption).toBe('3 open tickets, by status');
    expect(all.every((x) => x.caption && x.rowHeader)).toBe(true);
  });

  it('names agents from the directory, leaves out those with nothing open, and stacks only the statuses present', () => {
    const load = workload(data(), t, f, nameOf);
    expect(load.rows).toEqual([{ key: 'agent-ali', label: 'Ali Hassan' }, { key: 'agent-sara', label: 'Sara Malik' }]);
    expect(load.columns.map((c) => [c.key, c.values])).toEqual([['assigned', [1, 0]], ['in_progress', [0, 1]], ['open', [1, 1]]]);
    expect(load.chart.columns).toEqual(['assigned', 'in_progress']);
  });

  it('lists first responses of agents who gave any, by id when the directory does not know them', () => {
    const stats = (count: number, median: number | null) => ({ count, median, p90: median });
    const base = { ticketsIn: 0, resolved: 0, closed: 0, reopened: 0, resolutionRate: null, resolutionBusinessMinutes: stats(0, null), slaBreachRate: null, satisfaction: { offered: 0, rated: 0, responseRate: null, csat: null, average: null, scores: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } } };
    const figure = firstResponse(
      data({ firstResponse: summary([{ ...base, value: 'agent-new', firstResponseBusinessMinutes: stats(2, 45) }, { ...base, value: 'unassigned', firstResponseBusinessMinutes: stats(0, null) }]) }),
      t,
      f,
      nameOf,
    );
    expect(figure.rows).toEqual([{ key: 'agent-new', label: 'agent-new' }]);
    expect(figure.columns.map((c) => c.format(c.values[0]!))).toEqual(['45 min', '45 min', '2']);
    expect(figure.caption).toBe('Business time to the first reply, 01-Jan-2026 to 07-Jan-2026');
  });
});
