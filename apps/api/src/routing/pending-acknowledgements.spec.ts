import { acknowledgementClassOf } from '@helpdesk/routing';
import { CATEGORIES, PRIORITIES, queueRank } from '@helpdesk/ticketing';
import { ACKNOWLEDGEMENT_CLASS_BY_RANK, ALL_RANKS } from './pending-acknowledgements';

describe('ACKNOWLEDGEMENT_CLASS_BY_RANK', () => {
  it('gives every ticket the acknowledgement class of its queue rank', () => {
    for (const priority of PRIORITIES) {
      for (const category of CATEGORIES) {
        const rank = queueRank(priority, category);
        expect(ALL_RANKS).toContain(rank);
        expect([priority, category, ACKNOWLEDGEMENT_CLASS_BY_RANK[rank]]).toEqual([priority, category, acknowledgementClassOf(priority, category)]);
      }
    }
  });
});
