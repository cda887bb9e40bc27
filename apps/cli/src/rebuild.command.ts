import { Presets, SingleBar } from 'cli-progress';
import { START } from '@helpdesk/event-store';
import { openCliContext } from './cli-context';

/** `rebuild <projection|all>`: fills fresh collections while the old ones serve, then switches. */
export async function runRebuild(target: string | undefined, options: { quiet: boolean }): Promise<number> {
  if (!target) {
    console.error('rebuild needs a projection name or "all"');
    return 2;
  }
  const ctx = await openCliContext();
  try {
    const names = target === 'all' ? ctx.engine.projections.map((p) => p.name) : [ctx.engine.projection(target).name];
    const head = await ctx.events.headPosition();
    for (const name of names) {
      const bar = new SingleBar({ format: `${name.padEnd(13)} {bar} {percentage}% | {value}/{total} positions | {rate} events/s`, noTTYOutput: !options.quiet, notTTYSchedule: 2000 }, Presets.shades_classic);
      const total = Number(head > START ? head : 0n);
      if (!options.quiet) bar.start(total, 0, { rate: 0 });
      const started = Date.now();
      let applied = 0;
      await ctx.engine.rebuild(name, ({ events, checkpoint }) => {
        applied = events;
        const seconds = (Date.now() - started) / 1000;
        if (!options.quiet) bar.update(Math.min(Number(checkpoint), total), { rate: Math.round(events / Math.max(seconds, 0.001)) });
      });
      if (!options.quiet) bar.stop();
      const seconds = (Date.now() - started) / 1000;
      console.log(`${name}: ${applied} events in ${seconds.toFixed(2)} s (${Math.round(applied / Math.max(seconds, 0.001))} events/s); switched to the new collections`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
