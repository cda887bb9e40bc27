import { Segment } from './kb-types';

/** Text with the words a search found in <mark>; rendered as text, never as HTML. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}
