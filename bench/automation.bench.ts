import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { TicketCommandRunner, TicketNumberAllocator } from '@helpdesk/application';
import { advanceRuleTicket, decideRule, foldRule, NO_RULE_TICKET, Rule, RuleAction, RuleBook, RuleCondition, RuleContent, RuleFacts, ruleFactsOf, RuleTicket } from '@helpdesk/automation';
import { createEventStore, EventStore, Position, START, StoredEvent } from '@helpdesk/event-store';
import { SqliteReadStore } from '@helpdesk/read-store';
import { systemClock } from '@helpdesk/shared';
import { KARACHI_BUSINESS_HOURS } from '@helpdesk/sla';
import { CATEGORIES, CHANNELS, LANGUAGES, PRIORITIES, TICKET_STREAM_PREFIX } from '@helpdesk/ticketing';
import { AutomationCheckpoint } from '../apps/api/src/automation/reactors/automation-checkpoint';
import { RuleFirer } from '../apps/api/src/automation/reactors/rule-firer';
import { ruleEventOf, TriggerReactor } from '../apps/api/src/automation/reactors/trigger-reactor';
import { BenchConfig } from './config';
import { seedFeed } from './seed-feed';
import { now, percentile, summarize, Summary } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';
import { rng } from './ticket-lives';

/** The trigger reactor's own batch size when it follows the feed (TriggerReactorOptions.maxBatch). */
const FEED_BATCH = 200;
/** Share of the rules written to match (and fire on) some tickets; the rest never hold on this feed. */
const FIRING_SHARE = 0.01;
const ROUNDS = 5;
const EVALUATION_PASSES = 3;
const calendar = async () => KARACHI_BUSINESS_HOURS;

/**
 * Trigger evaluation cost per event: one feed of realistic ticket events (seedFeed: every
 * command through the real decider, hash-chained through createEventStore, 500 tickets
 * interleaved), copied afresh for every case so each sees the same stream. For 0 rules and each
 * of BENCH_AUTOMATION_RULES, the lead's TriggerReactor (with its RuleFirer and
 * AutomationCheckpoint, started from a checkpoint that holds the rules, as after a restart) is
 * driven as its follow loop does: readAll in batches of 200, `handle(event)` for each event, the
 * checkpoint advanced after each batch, up to the seeded head (the firings' own appends come after
 * it and are not read). Every case runs once per round, ROUNDS rounds, and its median round is
 * reported. Baselines: the same feed read alone (no automation) for the no-rules reactor; the
 * no-rules reactor for the others. And RuleBook.triggered alone over prebuilt facts for the same
 * rules, beside the reactor's per-event cost: evaluation against I/O.
 */
export async function automationTriggers(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('automation');
  try {
    const seedDir = join(dir.path, 'seed');
    mkdirSync(seedDir);
    // Seeding only: NORMAL skips the per-commit fsync; the file is the same either way.
    const seedStore = createEventStore({ dataDir: seedDir, synchronous: 'NORMAL' });
    const seedStart = now();
    const seeded = await seedFeed(seedStore, config.automationEvents);
    const seedSeconds = (now() - seedStart) / 1000;
    const head = await seedStore.headPosition();
    const counts = [0, ...config.automationRules];
    const rules = new Map(counts.map((n) => [n, benchRules(n)]));
    // Evaluation first, so that the facts it holds are garbage before the reactor runs.
    const feed = await feedFacts(seedStore, head);
    await seedStore.close();
    const evaluations = counts.map((n) => evaluationRun(feed.facts, rules.get(n)!));
    const feedTypes = feed.types;
    feed.facts.length = 0;
    const onCopy = async <T>(work: (dataDir: string) => Promise<T>): Promise<T> => {
      const path = join(dir.path, 'case');
      cpSync(seedDir, path, { recursive: true });
      try {
        return await work(path);
      } finally {
        rmSync(path, { recursive: true, force: true });
      }
    };

    // Rounds of every case in turn, each on a fresh copy: a burst of load on the machine lands on one round, not one case.
    const loadBefore = loadavg()[0];
    const raws: RawRun[] = [];
    const runsByCount = new Map<number, ReactorRun[]>(counts.map((n) => [n, []]));
    for (let round = 0; round < ROUNDS; round++) {
      raws.push(await onCopy((path) => readAlone(path, head)));
      for (const n of counts) runsByCount.get(n)!.push(await onCopy((path) => reactorRun(path, head, rules.get(n)!)));
    }
    const loadAfter = loadavg()[0];
    const raw = medianOf(raws);
    const runs = counts.map((n) => medianOf(runsByCount.get(n)!));

    const none = runs[0];
    const rows: Measurement[] = [
      {
        benchmark: 'trigger reactor per ticket event, no rules (book empty: classify only)',
        figure: none.loopUs,
        unit: 'µs/event',
        baseline: `same feed read alone (readAll, batches of ${FEED_BATCH}, no automation)`,
        baselineFigure: raw.loopUs,
        target: null,
        notes:
          `${reactorNotes(none)}; feed: ${seeded.events} ticket events, ${seeded.appends} appends, ${seeded.tickets} tickets (seeded in ${seedSeconds.toFixed(1)} s; ` +
          `${topTypes(feedTypes)}); read alone ${Math.round(1e6 / raw.loopUs)} events/s; every figure the median of ${ROUNDS} rounds, each case on a fresh copy of the feed ` +
          `(loop µs/event by round: read alone ${roundFigures(raws)}${counts.map((n) => `; ${n} rules ${roundFigures(runsByCount.get(n)!)}`).join('')}); load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`,
        details: { raw, run: none, rounds: { raw: raws, reactor: Object.fromEntries(runsByCount) }, feedTypes: Object.fromEntries(feedTypes), loadBefore, loadAfter },
      },
      ...runs.slice(1).map(
        (run): Measurement => ({
          benchmark: `trigger reactor per ticket event, ${run.rules} rules (${run.firingRules} written to fire)`,
          figure: run.loopUs,
          unit: 'µs/event',
          baseline: 'same loop, same feed, no rules',
          baselineFigure: none.loopUs,
          target: null,
          notes: reactorNotes(run),
          details: run,
        }),
      ),
      ...evaluations.map(
        (evaluation, i): Measurement => ({
          benchmark: `rule evaluation alone (RuleBook.triggered over prebuilt facts), ${evaluation.rules} rules`,
          figure: evaluation.meanUs,
          unit: 'µs/event',
          baseline: `trigger reactor, ${evaluation.rules} rules, same events`,
          baselineFigure: runs[i].loopUs,
          target: null,
          notes:
            `p99 ${evaluation.p99Us.toFixed(2)} µs; ${evaluation.events} events, ${evaluation.waited} waited for by some rule, ${evaluation.checks} condition lists checked ` +
            `(${(evaluation.checks / evaluation.events).toFixed(1)}/event), ${evaluation.matches} matches (the reactor fired ${runs[i].firings}); mean of ${EVALUATION_PASSES} timed passes after a warm-up pass`,
          details: evaluation,
        }),
      ),
    ];
    return rows;
  } finally {
    dir.remove();
  }
}

interface ReactorRun {
  rules: number;
  firingRules: number;
  events: number;
  /** The whole loop (read, handle, checkpoint) per event. */
  loopUs: number;
  /** The checkpoint advanced after each batch, per event. */
  checkpointUs: number;
  eventsPerSecond: number;
  /** `handle(event)` alone, per event. */
  handleUs: Summary;
  /** Events some rule waited for: the reactor read their ticket's stream and evaluated. */
  waited: number;
  firings: number;
  /** Mean handle() time of the events that fired a rule, and of the others. */
  firingHandleUs: number;
  quietHandleUs: number;
}

function reactorNotes(run: ReactorRun): string {
  const handle = run.handleUs;
  return (
    `${run.events} events, ${Math.round(run.eventsPerSecond)} events/s; handle() mean ${handle.mean.toFixed(2)} µs, p50 ${handle.p50.toFixed(2)} µs, p99 ${handle.p99.toFixed(1)} µs, max ${handle.max.toFixed(0)} µs; checkpoint after each batch ${run.checkpointUs.toFixed(1)} µs/event; ` +
    `${run.waited} events waited for by some rule (each reads its ticket's stream); ${run.firings} firings` +
    (run.firings ? ` (handle() on an event that fired: mean ${run.firingHandleUs.toFixed(0)} µs; on the others ${run.quietHandleUs.toFixed(1)} µs)` : '')
  );
}

/** The trigger reactor over the seeded feed, on its own copy of the store, as its follow loop drives it. */
async function reactorRun(dataDir: string, head: Position, rules: Rule[]): Promise<ReactorRun> {
  const store = createEventStore({ dataDir });
  const readStore = new SqliteReadStore(join(dataDir, 'read.db'));
  try {
    const checkpoint = new AutomationCheckpoint(readStore);
    // As after a restart: the checkpoint at the feed's head holds the rules in force there.
    await checkpoint.save(head, rules);
    const tickets = new TicketCommandRunner(store, new TicketNumberAllocator(store), systemClock, { autoCloseAfterDays: 7 });
    const log = (message: string) => process.stderr.write(`bench automation: ${message}\n`);
    // No rule here hands a ticket to routing.
    const firer = new RuleFirer(tickets, async () => undefined, log);
    const reactor = new TriggerReactor(store, checkpoint, firer, calendar, { log });
    await reactor.start();
    await reactor.stop();
    if (reactor.currentRules().length !== rules.length) throw new Error(`the reactor loaded ${reactor.currentRules().length} of ${rules.length} rules`);

    const samples: number[] = [];
    const firingSamples: number[] = [];
    let waited = 0;
    let firings = 0;
    let checkpointMs = 0;
    const start = now();
    await eachBatch(store, head, async (batch) => {
      for (const event of batch) {
        if (reactor.book.waitsFor(event.type)) waited++;
        const t0 = now();
        const fired = await reactor.handle(event);
        const us = (now() - t0) * 1000;
        samples.push(us);
        if (fired) firingSamples.push(us);
        firings += fired;
      }
      const c0 = now();
      await checkpoint.advance(batch[batch.length - 1].position);
      checkpointMs += now() - c0;
    });
    const ms = now() - start;
    const handleUs = summarize(samples);
    const firingTotal = firingSamples.reduce((a, b) => a + b, 0);
    return {
      rules: rules.length,
      firingRules: rules.filter((r) => r.content.name.startsWith(FIRING_PREFIX)).length,
      events: samples.length,
      loopUs: (ms * 1000) / samples.length,
      checkpointUs: (checkpointMs * 1000) / samples.length,
      eventsPerSecond: samples.length / (ms / 1000),
      handleUs,
      waited,
      firings,
      firingHandleUs: firingSamples.length ? firingTotal / firingSamples.length : NaN,
      quietHandleUs: (handleUs.mean * samples.length - firingTotal) / (samples.length - firingSamples.length),
    };
  } finally {
    await readStore.close();
    await store.close();
  }
}

interface RawRun {
  events: number;
  loopUs: number;
}

/** The feed read alone, in the reactor's batches: no automation at all. */
async function readAlone(dataDir: string, head: Position): Promise<RawRun> {
  const store = createEventStore({ dataDir });
  try {
    let events = 0;
    let tickets = 0;
    const start = now();
    await eachBatch(store, head, async (batch) => {
      for (const event of batch) {
        if (event.streamId.startsWith(TICKET_STREAM_PREFIX)) tickets++;
        events++;
      }
    });
    const ms = now() - start;
    if (tickets !== events) throw new Error('the seeded feed holds events other than ticket events');
    return { events, loopUs: (ms * 1000) / events };
  } finally {
    await store.close();
  }
}

/** The round whose whole-loop figure is the median. */
const medianOf = <T extends { loopUs: number }>(runs: T[]): T => [...runs].sort((a, b) => a.loopUs - b.loopUs)[Math.floor((runs.length - 1) / 2)];
const roundFigures = (runs: Array<{ loopUs: number }>) => runs.map((r) => r.loopUs.toFixed(1)).join('/');

async function eachBatch(store: EventStore, head: Position, work: (batch: StoredEvent[]) => Promise<void>): Promise<void> {
  let after: Position = START;
  while (after < head) {
    const batch = (await store.readAll(after, FEED_BATCH)).filter((e) => e.position <= head);
    if (batch.length === 0) return;
    await work(batch);
    after = batch[batch.length - 1].position;
  }
}

interface FeedFact {
  type: string;
  facts: RuleFacts;
}

/** Every ticket event of the feed with the facts the reactor would judge it by (the ticket as that event left it). */
async function feedFacts(store: EventStore, head: Position): Promise<{ facts: FeedFact[]; types: Map<string, number> }> {
  const tickets = new Map<string, RuleTicket>();
  const facts: FeedFact[] = [];
  const types = new Map<string, number>();
  const businessCalendar = await calendar();
  await eachBatch(store, head, async (batch) => {
    for (const stored of batch) {
      const event = ruleEventOf(stored);
      const current = advanceRuleTicket(tickets.get(stored.streamId) ?? NO_RULE_TICKET, event);
      tickets.set(stored.streamId, current);
      types.set(event.type, (types.get(event.type) ?? 0) + 1);
      if (current.ticket) facts.push({ type: event.type, facts: ruleFactsOf({ ...current, ticket: current.ticket }, new Date(event.occurredAt), businessCalendar, event) });
    }
  });
  return { facts, types };
}

const topTypes = (types: Map<string, number>) =>
  [...types]
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');

interface EvaluationRun {
  rules: number;
  events: number;
  waited: number;
  checks: number;
  matches: number;
  meanUs: number;
  p99Us: number;
}

/** RuleBook.triggered alone, over the facts prebuilt for every event: mean from whole passes, p99 from a pass timing each event. */
function evaluationRun(feed: FeedFact[], rules: Rule[]): EvaluationRun {
  const book = new RuleBook(rules);
  const waitingFor = new Map<string, number>();
  for (const rule of rules) for (const type of rule.content.events ?? []) waitingFor.set(type, (waitingFor.get(type) ?? 0) + 1);
  let waited = 0;
  let checks = 0;
  for (const { type } of feed) {
    if (book.waitsFor(type)) waited++;
    checks += waitingFor.get(type) ?? 0;
  }
  let matches = 0;
  for (const { type, facts } of feed) matches += book.triggered(type, facts).length; // warm-up
  let sink = 0;
  const start = now();
  for (let pass = 0; pass < EVALUATION_PASSES; pass++) for (const { type, facts } of feed) sink += book.triggered(type, facts).length;
  const meanUs = ((now() - start) * 1000) / (EVALUATION_PASSES * feed.length);
  const samples = new Float64Array(feed.length);
  feed.forEach(({ type, facts }, i) => {
    const t0 = now();
    sink += book.triggered(type, facts).length;
    samples[i] = (now() - t0) * 1000;
  });
  if (sink !== matches * (EVALUATION_PASSES + 1)) throw new Error('rule evaluation is not deterministic');
  return { rules: rules.length, events: feed.length, waited, checks, matches, meanUs, p99Us: percentile(Array.from(samples.sort()), 99) };
}

// ---- the rules ----

const FIRING_PREFIX = 'Triage';
const SUPERVISOR = { id: 'bench-supervisor', role: 'supervisor' as const };
/** Weighted towards what supervisors write triggers for: new tickets and comments. */
const COMMON_EVENTS = [
  'TicketSubmitted',
  'TicketSubmitted',
  'TicketSubmitted',
  'CommentAdded',
  'CommentAdded',
  'TicketAssigned',
  'TicketPrioritized',
  'TicketCategorized',
  'WorkStarted',
  'WaitingOnCustomer',
  'TicketResolved',
  'ResolutionRejected',
  'TicketReopened',
  'TicketClosed',
];
// None of these occurs in the seeded feed (customers are @example.com, tickets carry no tags, the texts are ticket-lives.ts's).
const OTHER_DOMAINS = ['acme.pk', 'globex.com', 'initech.io', 'contoso.pk', 'umbrella.co.uk', 'hooli.com', 'stark.pk', 'wayne.com', 'tyrell.ae', 'cyberdyne.io'];
const ABSENT_PHRASES = ['refund', 'invoice', 'chargeback', 'cancel my subscription', 'data breach', 'outage', 'duplicate charge', 'legal action', 'ریفنڈ', 'رقم واپس', 'شکایت'];
const ABSENT_TAGS = ['vip', 'enterprise', 'billing', 'refund', 'outage', 'escalated', 'legal', 'churn-risk', 'press', 'partner'];
// Words of the seeded subjects (ticket-lives.ts): the rules that fire look for them.
const SUBJECT_WORDS = ['sign-in', 'payment', 'upload', 'export', 'booking'];

/**
 * `n` enabled triggers, decided by the real rule decider: FIRING_SHARE of them (at least one)
 * fire on new tickets of one category whose text names one subject word, tagging the ticket and
 * notifying an address (both allowed on a closed ticket); every other one carries one condition
 * that never holds on this feed (another customer domain, an absent phrase, a tag no ticket has)
 * among up to two that often do, in random order, so some rules are dismissed at their first
 * condition and others only at their last.
 */
export function benchRules(n: number): Rule[] {
  const r = rng(17_000 + n);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)];
  const some = <T>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(items)))];
  const firing = n === 0 ? 0 : Math.max(1, Math.round(n * FIRING_SHARE));
  const firingAt = new Set(Array.from({ length: firing }, (_, j) => Math.floor(((j + 0.5) * n) / firing)));
  const rules: Rule[] = [];
  let j = 0;
  for (let k = 0; k < n; k++) {
    const content = firingAt.has(k) ? firingContent(j++) : quietContent(k, pick, some, r);
    const ruleId = `bench-rule-${String(k).padStart(5, '0')}`;
    const events = decideRule({ type: 'CreateRule', data: { ruleId, content, order: k * 10, enabled: true } }, null, { actor: SUPERVISOR });
    rules.push(foldRule(events)!);
  }
  return rules;
}

function firingContent(j: number): RuleContent {
  const category = CATEGORIES[j % CATEGORIES.length];
  const word = SUBJECT_WORDS[Math.floor(j / CATEGORIES.length) % SUBJECT_WORDS.length];
  return {
    name: `${FIRING_PREFIX} ${category} tickets about ${word} (${j})`,
    description: 'Fires on some new tickets of the benchmark feed.',
    events: ['TicketSubmitted'],
    schedule: null,
    conditions: [
      { field: 'category', op: 'is', values: [category] },
      { field: 'text', op: 'contains', values: [word] },
    ],
    actions: [
      { type: 'add_tags', tags: [`triage-${j}`] },
      { type: 'notify', to: 'triage@example.pk', subject: '{{ticket.number}} matched {{rule.name}}', text: { en: 'Ticket {{ticket.number}} from {{customer.name}} needs a look.', ur: 'ٹکٹ {{ticket.number}} ({{customer.name}}) دیکھ لیں۔' } },
    ],
  };
}

function quietContent(k: number, pick: <T>(items: readonly T[]) => T, some: <T>(items: readonly T[], max: number) => T[], r: () => number): RuleContent {
  const never: RuleCondition = pick([
    (): RuleCondition => ({ field: 'customer_domain', op: 'is', values: some([...OTHER_DOMAINS, `client${k}.com`], 3) }),
    (): RuleCondition => ({ field: 'text', op: 'contains', values: some(ABSENT_PHRASES, 3) }),
    (): RuleCondition => ({ field: 'tags', op: r() < 0.7 ? 'has_any' : 'has_all', values: some(ABSENT_TAGS, 2) }),
  ])();
  const often: Array<() => RuleCondition> = [
    () => ({ field: 'priority', op: 'is', values: some(PRIORITIES, 2) }),
    () => ({ field: 'channel', op: 'is', values: some(CHANNELS, 2) }),
    () => ({ field: 'language', op: 'is', values: [pick(LANGUAGES)] }),
    () => ({ field: 'category', op: 'is', values: some(CATEGORIES, 3) }),
    () => ({ field: 'status', op: 'is_not', values: ['closed'] }),
    () => ({ field: 'assignee', op: r() < 0.5 ? 'is_set' : 'is_not_set' }),
    () => ({ field: 'business_hours', op: r() < 0.5 ? 'inside' : 'outside' }),
  ];
  const conditions = [never, ...Array.from({ length: Math.floor(r() * 3) }, () => pick(often)())];
  // Fisher-Yates: where the condition that never holds stands decides how much is checked before it.
  for (let i = conditions.length - 1; i > 0; i--) {
    const s = Math.floor(r() * (i + 1));
    [conditions[i], conditions[s]] = [conditions[s], conditions[i]];
  }
  const actions: Array<() => RuleAction> = [
    () => ({ type: 'set_priority', priority: pick(PRIORITIES) }),
    () => ({ type: 'add_tags', tags: some(ABSENT_TAGS, 2) }),
    () => ({ type: 'set_team', team: pick(['billing', 'escalations', 'enterprise']) }),
    () => ({ type: 'internal_note', text: { en: 'Check the account before replying ({{ticket.number}}).', ur: null } }),
    () => ({ type: 'public_reply', text: { en: 'Dear {{customer.name}}, we have your request {{ticket.number}}.', ur: 'محترم {{customer.name}}، آپ کی درخواست {{ticket.number}} ہمیں مل گئی ہے۔' } }),
    () => ({ type: 'notify', to: 'assignee', subject: '{{ticket.number}}: {{rule.name}}', text: { en: 'Please look at {{ticket.number}}.', ur: null } }),
    () => ({ type: 'assign', agentId: `agent-${Math.floor(r() * 200)}` }),
  ];
  return {
    name: `Rule ${k}`,
    description: null,
    events: some(COMMON_EVENTS, 2),
    schedule: null,
    conditions,
    actions: Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(actions)()),
  };
}
