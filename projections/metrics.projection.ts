import { Doc } from '@helpdesk/read-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { StoredEvent } from '@helpdesk/event-store';
import { businessMinutesBetween, slaClassOf } from '@helpdesk/sla';
import { DEFAULT_SLA_POLICIES, SlaPolicies } from './ticket-sla';
import { advanceTicketCore } from './ticket-core-state';
import { reportingDays } from './reporting-day';
import { offeredRating, SATISFACTION_RATINGS, SatisfactionRating } from './satisfaction-rating';
import { TicketCore } from './ticket-view';

export const METRICS_DAILY = 'metrics_daily';
const STATE = 'metrics_state';

export const METRIC_DIMENSIONS = ['all', 'team', 'agent', 'category', 'priority', 'channel', 'tag'] as const;
export type MetricDimension = (typeof METRIC_DIMENSIONS)[number];

/** A document of `metrics_daily`: one day's figures for one value of one dimension. */
export interface DailyMetrics extends Doc {
  /** Local date in the reporting zone (Asia/Karachi by default), YYYY-MM-DD. */
  day: string;
  /** ISO week of `day`, e.g. 2026-W02. */
  week: string;
  dimension: MetricDimension;
  value: string;
  ticketsIn: number;
  resolved: number;
  closed: number;
  reopened: number;
  firstResponses: number;
  firstResponseBreaches: number;
  resolutionBreaches: number;
  /** Business minutes from submission to first public agent reply, one sample per ticket. */
  firstResponseMinutes: number[];
  /** Business minutes from submission to resolution, one sample per resolution. */
  resolutionMinutes: number[];
  /**
   * Satisfaction offers made this day (resolutions; less those voided by a reopen before any
   * rating), how many of them the customer rated, and how many ratings of 1..5 they hold now
   * (a changed rating moves between scores; it stays in its offer's day).
   */
  satisfactionOffered: number;
  satisfactionRated: number;
  satisfactionScores: number[];
}

export interface MetricsOptions {
  zone?: string;
  policies?: SlaPolicies;
}

const empty = (id: string, day: string, week: string, dimension: MetricDimension, value: string): DailyMetrics => ({
  _id: id, day, week, dimension, value,
  ticketsIn: 0, resolved: 0, closed: 0, reopened: 0, firstResponses: 0, firstResponseBreaches: 0, resolutionBreaches: 0,
  firstResponseMinutes: [], resolutionMinutes: [],
  satisfactionOffered: 0, satisfactionRated: 0, satisfactionScores: [0, 0, 0, 0, 0],
});

type Dimensioned = Pick<TicketCore, 'team' | 'assigneeId' | 'category' | 'priority' | 'channel' | 'tags'>;

/**
 * The dimension values a ticket counts under: everything, its team, agent, category, priority,
 * channel, and each tag it carries at that moment (so a ticket tagged later counts under the tag
 * from then on: its resolution, say, but not its arrival).
 */
function dimensionsOf(t: Dimensioned): Array<[MetricDimension, string]> {
  const tags = (t.tags ?? []).map((tag): [MetricDimension, string] => ['tag', tag]);
  return [['all', '*'], ['team', t.team ?? 'none'], ['agent', t.assigneeId ?? 'unassigned'], ['category', t.category], ['priority', t.priority], ['channel', t.channel], ...tags];
}

const ratingDimensions = (r: SatisfactionRating) => dimensionsOf({ ...r, assigneeId: r.agentId });

/**
 * `metrics_daily`: what analysts chart, per day and per team, agent, category, priority and
 * channel. Durations are in business minutes on the SLA calendar of the ticket's class; medians
 * and percentiles are computed when queried, from the samples. `satisfaction_ratings` holds each
 * satisfaction offer with its rating and comment (for supervisors), and the offer's cohort.
 */
export function metricsProjection(options: MetricsOptions = {}): Projection {
  const calendarDay = reportingDays(options.zone ?? 'Asia/Karachi');
  const policies = options.policies ?? DEFAULT_SLA_POLICIES;
  const businessMinutes = async (t: TicketCore, from: string, to: string) => {
    const policy = await policies.get(t.sla?.policy);
    return Math.round(businessMinutesBetween(policy.classes[slaClassOf(t.priority, t.category)].calendar, new Date(from), new Date(to)));
  };
  return {
    name: 'metrics',
    // 4: the tag dimension.
    version: 4,
    collections: [
      {
        name: METRICS_DAILY,
        indexes: [
          { name: 'dimension_value_day', keys: [['dimension', 1], ['value', 1], ['day', 1]] },
          { name: 'dimension_day', keys: [['dimension', 1], ['day', 1]] },
          { name: 'changes', keys: [['_position', 1]] },
        ],
      },
      {
        name: SATISFACTION_RATINGS,
        indexes: [
          { name: 'rated', keys: [['ratedAt', -1], ['_id', -1]] },
          { name: 'changes', keys: [['_position', 1]] },
        ],
      },
      { name: STATE, indexes: [], internal: true },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const change = await advanceTicketCore(uow, STATE, stored, policies);
      if (!change) return;
      const { fact, before, after } = change;
      const { day, week } = calendarDay(fact.occurredAt);
      const bump = async (at: { day: string; week: string }, dimensions: Array<[MetricDimension, string]>, mutate: (doc: DailyMetrics) => void) => {
        for (const [dimension, value] of dimensions) {
          const id = `${at.day}|${dimension}|${value}`;
          await uow.update<DailyMetrics>(METRICS_DAILY, id, stored, (doc) => {
            // A shallow copy: `mutate` sets fields on it and replaces, never changes, the stored arrays.
            const next = { ...empty(id, at.day, at.week, dimension, value), ...doc };
            mutate(next);
            return next;
          });
        }
      };

      const event = fact.event;
      if (event.type === 'SatisfactionOffered') {
        await uow.update<SatisfactionRating>(SATISFACTION_RATINGS, event.data.offerId, stored, () => offeredRating(event.data.offerId, after, fact.occurredAt, day, week));
        return bump({ day, week }, dimensionsOf(after), (doc) => void (doc.satisfactionOffered += 1));
      }
      if (event.type === 'SatisfactionRated' || event.type === 'SatisfactionOfferVoided') {
        // The cohort (day, team, agent, ...) is fixed at the offer; the change itself is read from
        // the event alone, so a redelivery after a partly written batch counts nothing twice.
        const rating = await uow.get<SatisfactionRating>(SATISFACTION_RATINGS, event.data.offerId);
        if (!rating) return;
        if (event.type === 'SatisfactionOfferVoided') {
          await uow.update<SatisfactionRating>(SATISFACTION_RATINGS, rating._id, stored, (r) => r && { ...r, voided: true });
          return bump(rating, ratingDimensions(rating), (doc) => void (doc.satisfactionOffered -= 1));
        }
        const { score, comment, previousScore } = event.data;
        await uow.update<SatisfactionRating>(SATISFACTION_RATINGS, rating._id, stored, (r) => r && { ...r, score, comment, ratedAt: fact.occurredAt, changes: r.changes + (previousScore === null ? 0 : 1) });
        return bump(rating, ratingDimensions(rating), (doc) => {
          const scores = [...doc.satisfactionScores];
          if (previousScore === null) doc.satisfactionRated += 1;
          else scores[previousScore - 1] -= 1;
          scores[score - 1] += 1;
          doc.satisfactionScores = scores;
        });
      }

      const counts: Partial<Record<'ticketsIn' | 'resolved' | 'closed' | 'reopened' | 'firstResponses' | 'firstResponseBreaches' | 'resolutionBreaches', number>> = {};
      const samples: { firstResponseMinutes?: number; resolutionMinutes?: number } = {};
      const type = event.type;
      if (type === 'TicketSubmitted') counts.ticketsIn = 1;
      if (type === 'TicketClosed') counts.closed = 1;
      if (type === 'TicketReopened') counts.reopened = 1;
      if (type === 'TicketResolved') {
        counts.resolved = 1;
        samples.resolutionMinutes = await businessMinutes(after, after.submittedAt, fact.occurredAt);
        if (after.sla?.resolution.breachedAt) counts.resolutionBreaches = 1;
      }
      if (!before?.firstResponseAt && after.firstResponseAt) {
        counts.firstResponses = 1;
        samples.firstResponseMinutes = await businessMinutes(after, after.submittedAt, after.firstResponseAt);
        if (after.sla?.firstResponse.breachedAt) counts.firstResponseBreaches = 1;
      }
      if (Object.keys(counts).length === 0) return;
      await bump({ day, week }, dimensionsOf(after), (next) => {
        for (const [field, n] of Object.entries(counts) as Array<[keyof typeof counts, number]>) next[field] += n;
        if (samples.firstResponseMinutes !== undefined) next.firstResponseMinutes = [...next.firstResponseMinutes, samples.firstResponseMinutes];
        if (samples.resolutionMinutes !== undefined) next.resolutionMinutes = [...next.resolutionMinutes, samples.resolutionMinutes];
      });
    },
  };
}
