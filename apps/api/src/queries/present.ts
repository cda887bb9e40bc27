import { Doc } from '@helpdesk/read-store';

/** A read-model document as the API shows it: `id` instead of `_id`, no bookkeeping fields. */
export function present<T extends Doc>(doc: T): Omit<T, '_id' | '_position'> & { id: string } {
  const { _id, _position, slaFacts, ...rest } = doc;
  void _position;
  void slaFacts;
  return { id: _id, ...rest } as Omit<T, '_id' | '_position'> & { id: string };
}
