import { join } from 'node:path';
import { TicketCommandRunner, TicketNumberAllocator } from '@helpdesk/application';
import { Position, SqliteEventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { SqliteReadStore } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { systemClock } from '@helpdesk/shared';
import { runCommandLoad } from './command-load';
import { CommitClock } from './commit-clock';
import { BenchConfig } from './config';
import { now, summarize } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

/** Concurrent command lanes: at least 8, and enough that 40 ms commands still make the rate. */
const lanesFor = (rate: number) => Math.max(8, Math.ceil(rate / 25));
const WARMUP_SECONDS = 1;
/** Below this share of the asked rate, the row says the rate was not reached. */
const REACHED = 0.95;
const WAIT_TIMEOUT_MS = 10_000;

/**
 * 4. Projection lag under sustained command load, in one process as the API runs it
 * (RUN_PROJECTIONS=true): commands at a fixed rate through the real command runner, every
 * projection (all 16) following the feed with the app's engine settings. For each append: from its
 * commit until `engine.waitFor(position)` (what `?consistentWith=` waits on) says every
 * projection's checkpoint has reached it. Baseline: from the same commit until a plain
 * `subscribe()` on the same event store delivers the event. One run per rate of
 * `BENCH_LAG_RATES`, each in its own process on fresh stores.
 */
export async function projectionLag(config: BenchConfig, rate: number): Promise<Measurement[]> {
  const dir = tempDir('lag');
  try {
    const events = new SqliteEventStore(join(dir.path, 'events.db'));
    const readStore = new SqliteReadStore(join(dir.path, 'read.db'));
    let engineErrors = 0;
    const engine = new ProjectionEngine(events, readStore, allProjections(), { onError: () => engineErrors++ });

    const commits = new Map<Position, number>();
    const applied = new Map<Position, number>();
    const delivered = new Map<Position, number>();
    const waits: Promise<void>[] = [];
    let timeouts = 0;
    let measuring = false;
    const timed = new CommitClock(events, (position, committedAt) => {
      if (!measuring) return;
      commits.set(position, committedAt);
      waits.push(
        engine.waitFor(position, undefined, WAIT_TIMEOUT_MS).then((reached) => {
          if (reached) applied.set(position, now());
          else timeouts++;
        }),
      );
    });
    const runner = new TicketCommandRunner(timed, new TicketNumberAllocator(timed), systemClock, { autoCloseAfterDays: 7 });

    await engine.start();
    const subscription = events.subscribe(await events.headPosition());
    const following = (async () => {
      for await (const batch of subscription) {
        const at = now();
        for (const event of batch) if (!delivered.has(event.position)) delivered.set(event.position, at);
      }
    })();

    const load = { rate, lanes: lanesFor(rate) };
    await runCommandLoad(runner, { ...load, seconds: WARMUP_SECONDS });
    measuring = true;
    const result = await runCommandLoad(runner, { ...load, seconds: config.lagSeconds });
    measuring = false;
    await Promise.all(waits);
    await subscription.close();
    await following;
    await engine.stop();
    await readStore.close();
    await events.close();

    const projectionLags: number[] = [];
    const deliveryLags: number[] = [];
    for (const [position, committedAt] of commits) {
      const a = applied.get(position);
      const d = delivered.get(position);
      if (a !== undefined) projectionLags.push(a - committedAt);
      if (d !== undefined) deliveryLags.push(d - committedAt);
    }
    const lag = summarize(projectionLags);
    const delivery = summarize(deliveryLags);
    const achieved = result.commands / result.seconds;
    const facts =
      `${result.commands} commands in ${result.seconds.toFixed(1)} s (${achieved.toFixed(0)}/s of ${rate}/s asked, ${load.lanes} lanes` +
      (achieved < rate * REACHED ? `: RATE NOT REACHED, the lanes could not keep up` : '') +
      '), ' +
      `${commits.size} appends timed` +
      (result.failures ? `, ${result.failures} commands FAILED (${result.firstError})` : '') +
      (timeouts ? `, ${timeouts} appends not applied within ${WAIT_TIMEOUT_MS} ms` : '') +
      (engineErrors ? `, ${engineErrors} projection errors` : '');
    const baseline = 'raw subscribe() delivery, same appends';
    return [
      {
        benchmark: `projection lag p50 @ ${rate} commands/s (commit -> all ${engine.projections.length} checkpoints)`,
        figure: lag.p50,
        unit: 'ms',
        baseline,
        baselineFigure: delivery.p50,
        target: null,
        notes: facts,
        details: { rate, achievedRate: achieved, projectionLag: lag, subscribeDelivery: delivery },
      },
      {
        benchmark: `projection lag p99 @ ${rate} commands/s (commit -> all ${engine.projections.length} checkpoints)`,
        figure: lag.p99,
        unit: 'ms',
        baseline,
        baselineFigure: delivery.p99,
        target: { below: 50 },
        notes: `max ${lag.max.toFixed(1)} ms (baseline max ${delivery.max.toFixed(1)} ms)`,
      },
    ];
  } finally {
    dir.remove();
  }
}
