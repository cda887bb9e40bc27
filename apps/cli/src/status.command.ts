import { openCliContext } from './cli-context';

/** `status`: one line per projection with its checkpoint, lag and dead letters. */
export async function runStatus(): Promise<number> {
  const ctx = await openCliContext();
  try {
    const rows = await ctx.engine.status();
    console.table(
      rows.map((r) => ({
        projection: r.name,
        version: r.version,
        generation: r.generation,
        state: r.state,
        checkpoint: r.checkpoint ?? '-',
        head: r.head ?? '-',
        behind: r.positionsBehind,
        'seconds behind': r.secondsBehind,
        'dead letters': r.deadLetters,
      })),
    );
    return rows.some((r) => r.deadLetters > 0) ? 1 : 0;
  } finally {
    await ctx.close();
  }
}
