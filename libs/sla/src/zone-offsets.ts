import { IANAZone } from 'luxon';
import { DAY_MS } from './wall-schedule';

/** A stretch of real time [start, end) during which the zone's UTC offset (ms) does not change. */
export interface OffsetSegment {
  readonly start: number;
  readonly end: number;
  readonly offset: number;
}

/** What is known of one zone's offsets: maximal constant-offset segments covering [start, end). */
interface Timeline {
  readonly offsetAt: (ms: number) => number;
  start: number;
  end: number;
  segments: OffsetSegment[];
}

const CHUNK_MS = 90 * DAY_MS;
/** Beyond this distance from what is known, a timeline starts afresh rather than growing towards the instant. */
const REACH_MS = 4 * 365 * DAY_MS;

/*
 * Offsets are facts of the tz database, so remembering them keeps these functions pure while
 * sparing the slow Intl look-ups: each day of each zone is sampled once per process.
 */
const timelines = new Map<string, Timeline>();

/** The zone's offsets from `from` onwards, as consecutive segments, forever. */
export function* offsetSegments(zoneName: string, from: number): Generator<OffsetSegment> {
  let cursor = from;
  for (;;) {
    const timeline = covering(zoneName, cursor);
    const { end, offset } = timeline.segments[segmentIndex(timeline.segments, cursor)];
    yield { start: cursor, end, offset };
    cursor = end;
  }
}

function covering(zoneName: string, at: number): Timeline {
  let timeline = timelines.get(zoneName);
  if (!timeline || at < timeline.start - REACH_MS || at >= timeline.end + REACH_MS) {
    const zone = IANAZone.create(zoneName);
    const offsetAt = (ms: number) => Math.round(zone.offset(ms) * 60_000);
    timeline = { offsetAt, start: at, end: at + CHUNK_MS, segments: scan(offsetAt, at, at + CHUNK_MS) };
    timelines.set(zoneName, timeline);
  }
  while (at < timeline.start) {
    timeline.segments = join(scan(timeline.offsetAt, timeline.start - CHUNK_MS, timeline.start), timeline.segments);
    timeline.start -= CHUNK_MS;
  }
  while (at >= timeline.end) {
    timeline.segments = join(timeline.segments, scan(timeline.offsetAt, timeline.end, timeline.end + CHUNK_MS));
    timeline.end += CHUNK_MS;
  }
  return timeline;
}

/**
 * Segments of [from, to): offsets are sampled once a day and each change is found to the
 * millisecond by bisection, which assumes a zone never changes its offset twice within a day.
 */
function scan(offsetAt: (ms: number) => number, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let [start, offset] = [from, offsetAt(from)];
  for (let t = from; t < to; ) {
    const next = Math.min(t + DAY_MS, to);
    const nextOffset = offsetAt(next);
    if (nextOffset !== offset) {
      const change = firstChange(offsetAt, t, next, offset);
      segments.push({ start, end: change, offset });
      [start, offset] = [change, offsetAt(change)];
    }
    t = next;
  }
  segments.push({ start, end: to, offset });
  return segments;
}

/** Smallest instant in (low, high] whose offset differs from `offset`, given that high's does. */
function firstChange(offsetAt: (ms: number) => number, low: number, high: number, offset: number): number {
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid) === offset) low = mid;
    else high = mid;
  }
  return high;
}

function join(left: OffsetSegment[], right: OffsetSegment[]): OffsetSegment[] {
  const [last, first] = [left[left.length - 1], right[0]];
  if (last.offset !== first.offset) return [...left, ...right];
  return [...left.slice(0, -1), { start: last.start, end: first.end, offset: last.offset }, ...right.slice(1)];
}

/** Index of the segment holding `at`, which the segments cover. */
function segmentIndex(segments: OffsetSegment[], at: number): number {
  let [low, high] = [0, segments.length - 1];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (segments[mid].start <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}
