import { OPEN_STATUSES } from '../api/types';
import { Translate } from '../i18n/i18n';
import { Figure } from '../analytics/figure';
import { FigureFormats } from '../analytics/figure-formats';
import { DashboardData, FIRST_RESPONSE_DAYS, SATISFACTION_DAYS } from './dashboard-data';

const TARGETS = ['first_response', 'resolution'] as const;
const SCORES = ['5', '4', '3', '2', '1'] as const;

/** The dashboard's charts and tables, in the order they are shown. */
export function dashboardFigures(data: DashboardData, t: Translate, f: FigureFormats, nameOf: NameOf): Figure[] {
  return [backlogByStatus(data, t, f), backlogByAge(data, t, f), slaRisk(data, t, f), workload(data, t, f, nameOf), firstResponse(data, t, f, nameOf), satisfaction(data, t, f)];
}

const counted = (t: Translate, f: FigureFormats) => ({ axis: t('dashboard.tickets'), tick: f.count, integers: true });
/** A person's name by id, from the session's directory (apps/api/ui/src/names). */
export type NameOf = (id: string) => string;
const agentName = (nameOf: NameOf, t: Translate, id: string) => (id === 'unassigned' ? t('dashboard.unassigned') : nameOf(id));

export function backlogByStatus(data: DashboardData, t: Translate, f: FigureFormats): Figure {
  const byStatus = data.counts.facets.status;
  const total = OPEN_STATUSES.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
  return {
    id: 'backlog-status',
    title: t('dashboard.status.title'),
    caption: t('dashboard.status.caption', { count: total }),
    rowHeader: t('dashboard.status.header'),
    rows: OPEN_STATUSES.map((s) => ({ key: s, label: t('status', { status: s }) })),
    columns: [{ key: 'open', label: t('dashboard.openTickets'), values: OPEN_STATUSES.map((s) => byStatus[s] ?? 0), format: f.count }],
    chart: { kind: 'bar', ...counted(t, f) },
    empty: t('dashboard.noBacklog'),
  };
}

export function backlogByAge(data: DashboardData, t: Translate, f: FigureFormats): Figure {
  return {
    id: 'backlog-age',
    title: t('dashboard.age.title'),
    caption: t('dashboard.age.caption', { count: data.ages.open }),
    rowHeader: t('dashboard.age.header'),
    rows: data.ages.buckets.map((b) => ({ key: b.bucket, label: t('dashboard.age.bucket', { bucket: b.bucket }) })),
    columns: [{ key: 'open', label: t('dashboard.openTickets'), values: data.ages.buckets.map((b) => b.count), format: f.count }],
    chart: { kind: 'bar', ...counted(t, f) },
    empty: t('dashboard.noBacklog'),
  };
}

export function slaRisk(data: DashboardData, t: Translate, f: FigureFormats): Figure {
  const count = (rows: DashboardData['atRisk'], target: string) => rows.filter((r) => r.target === target).length;
  return {
    id: 'sla',
    title: t('dashboard.sla.title'),
    caption: t('dashboard.sla.caption', { atRisk: data.atRisk.length, breached: data.overdue.length }),
    rowHeader: t('dashboard.sla.header'),
    rows: TARGETS.map((target) => ({ key: target, label: t('dashboard.sla.target', { target }) })),
    columns: [
      { key: 'atRisk', label: t('dashboard.sla.atRisk'), values: TARGETS.map((target) => count(data.atRisk, target)), format: f.count },
      { key: 'breached', label: t('dashboard.sla.breached'), values: TARGETS.map((target) => count(data.overdue, target)), format: f.count },
    ],
    chart: { kind: 'bar', ...counted(t, f) },
    empty: t('dashboard.sla.empty'),
  };
}

export function workload(data: DashboardData, t: Translate, f: FigureFormats, nameOf: NameOf): Figure {
  const agents = data.workload.filter((w) => w.open > 0).sort((a, b) => b.open - a.open || agentName(nameOf, t, a.agentId).localeCompare(agentName(nameOf, t, b.agentId)));
  const statuses = OPEN_STATUSES.filter((s) => agents.some((a) => (a.byStatus[s] ?? 0) > 0));
  return {
    id: 'workload',
    title: t('dashboard.workload.title'),
    caption: t('dashboard.workload.caption', { agents: agents.length }),
    rowHeader: t('dashboard.agent'),
    rows: agents.map((a) => ({ key: a.agentId, label: agentName(nameOf, t, a.agentId) })),
    columns: [
      ...statuses.map((s) => ({ key: s, label: t('status', { status: s }), values: agents.map((a) => a.byStatus[s] ?? 0), format: f.count })),
      { key: 'open', label: t('dashboard.workload.total'), values: agents.map((a) => a.open), format: f.count },
    ],
    chart: { kind: 'bar', horizontal: true, stacked: true, columns: statuses, ...counted(t, f) },
    empty: t('dashboard.workload.empty'),
  };
}

export function firstResponse(data: DashboardData, t: Translate, f: FigureFormats, nameOf: NameOf): Figure {
  const agents = data.firstResponse.items.filter((i) => i.firstResponseBusinessMinutes.count > 0);
  const range = { from: f.day(data.firstResponse.from), to: f.day(data.firstResponse.to) };
  return {
    id: 'first-response',
    title: t('dashboard.firstResponse.title'),
    caption: t('dashboard.firstResponse.caption', range),
    rowHeader: t('dashboard.agent'),
    rows: agents.map((a) => ({ key: a.value, label: agentName(nameOf, t, a.value) })),
    columns: [
      { key: 'median', label: t('dashboard.median'), values: agents.map((a) => a.firstResponseBusinessMinutes.median), format: f.minutes },
      { key: 'p90', label: t('dashboard.p90'), values: agents.map((a) => a.firstResponseBusinessMinutes.p90), format: f.minutes },
      { key: 'count', label: t('dashboard.firstResponse.count'), values: agents.map((a) => a.firstResponseBusinessMinutes.count), format: f.count },
    ],
    chart: { kind: 'bar', horizontal: true, columns: ['median', 'p90'], axis: t('dashboard.businessMinutes'), tick: f.count, integers: true },
    empty: t('dashboard.firstResponse.empty', { days: FIRST_RESPONSE_DAYS }),
  };
}

export function satisfaction(data: DashboardData, t: Translate, f: FigureFormats): Figure {
  const scores = data.satisfaction.items[0]?.satisfaction.scores ?? { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  return {
    id: 'csat',
    title: t('dashboard.csat.title'),
    caption: t('dashboard.csat.caption', { from: f.day(data.satisfaction.from), to: f.day(data.satisfaction.to) }),
    rowHeader: t('dashboard.csat.score'),
    rows: SCORES.map((s) => ({ key: s, label: t('dashboard.csat.scoreLabel', { score: Number(s) }) })),
    columns: [{ key: 'ratings', label: t('dashboard.csat.ratings'), values: SCORES.map((s) => scores[s]), format: f.count }],
    chart: { kind: 'bar', axis: t('dashboard.csat.ratings'), tick: f.count, integers: true },
    empty: t('dashboard.csat.empty', { days: SATISFACTION_DAYS }),
  };
}
