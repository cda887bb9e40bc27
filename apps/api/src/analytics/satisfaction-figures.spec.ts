import { addSatisfaction, satisfactionFigures } from './satisfaction-figures';

describe('satisfaction figures', () => {
  it('given ratings of 5, 4, 4, 2 out of 5 offers: CSAT is the share of 4-5, the average of scores, the response rate of offers', () => {
    expect(satisfactionFigures({ satisfactionOffered: 5, satisfactionRated: 4, satisfactionScores: [0, 1, 0, 2, 1] })).toEqual({
      offered: 5, rated: 4, responseRate: 0.8, csat: 0.75, average: 3.75, scores: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 1 },
    });
  });

  it('given no offers or no ratings: nothing to divide by, so null rather than zero', () => {
    expect(satisfactionFigures({ satisfactionOffered: 0, satisfactionRated: 0, satisfactionScores: [0, 0, 0, 0, 0] })).toMatchObject({ responseRate: null, csat: null, average: null });
    expect(satisfactionFigures({ satisfactionOffered: 3, satisfactionRated: 0, satisfactionScores: [0, 0, 0, 0, 0] })).toMatchObject({ responseRate: 0, csat: null });
  });

  it('when days are added into a week: counts sum, and a day from before satisfaction existed adds nothing', () => {
    const week = { satisfactionOffered: 0, satisfactionRated: 0, satisfactionScores: [0, 0, 0, 0, 0] };
    addSatisfaction(week, { satisfactionOffered: 2, satisfactionRated: 1, satisfactionScores: [0, 0, 0, 0, 1] });
    addSatisfaction(week, { satisfactionOffered: 1, satisfactionRated: 1, satisfactionScores: [1, 0, 0, 0, 0] });
    addSatisfaction(week, {});
    expect(week).toEqual({ satisfactionOffered: 3, satisfactionRated: 2, satisfactionScores: [1, 0, 0, 0, 1] });
  });
});
