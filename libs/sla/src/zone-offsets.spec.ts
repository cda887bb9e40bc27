import { offsetSegments } from './zone-offsets';

/** The first `count` offset changes from `from`: [instant, offset after it in hours]. */
function changes(zone: string, from: string, count: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let previous: number | null = null;
  for (const segment of offsetSegments(zone, new Date(from).getTime())) {
    if (previous !== null && segment.offset !== previous) out.push([new Date(segment.start).toISOString(), segment.offset / 3_600_000]);
    previous = segment.offset;
    if (out.length === count) return out;
  }
  return out;
}

describe('offsetSegments', () => {
  it('finds DST transitions to the millisecond, going forwards and backwards from what it already knows', () => {
    expect(changes('America/New_York', '2026-06-01T00:00Z', 2)).toEqual([['2026-11-01T06:00:00.000Z', -5], ['2027-03-14T07:00:00.000Z', -4]]);
    expect(changes('America/New_York', '2026-01-01T00:00Z', 2)).toEqual([['2026-03-08T07:00:00.000Z', -4], ['2026-11-01T06:00:00.000Z', -5]]);
    expect(changes('Europe/London', '2026-01-01T00:00Z', 2)).toEqual([['2026-03-29T01:00:00.000Z', 1], ['2026-10-25T01:00:00.000Z', 0]]);
  });
  it('yields consecutive segments from the instant asked for', () => {
    const segments = offsetSegments('Asia/Karachi', Date.UTC(2026, 0, 5, 4));
    const [first, second] = [segments.next().value!, segments.next().value!];
    expect(first).toMatchObject({ start: Date.UTC(2026, 0, 5, 4), offset: 5 * 3_600_000 });
    expect(second).toMatchObject({ start: first.end, offset: 5 * 3_600_000 });
  });
});
