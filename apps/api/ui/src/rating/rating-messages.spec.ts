import { parseRatingRoute } from './rating-route';
import { ratingEn, ratingTranslator, ratingUr } from './rating-messages';

describe('the rating page', () => {
  it('has every message in Urdu, each one formatting', () => {
    expect(Object.keys(ratingUr).sort()).toEqual(Object.keys(ratingEn).sort());
    const values = { number: 'HD-000001', subject: 's', score: 4, until: 'x', detail: 'd' };
    for (const key of Object.keys(ratingEn) as Array<keyof typeof ratingEn>) {
      expect(ratingTranslator('en')(key, values)).not.toContain('{');
      expect(ratingTranslator('ur')(key, values)).not.toContain('{');
    }
    expect(ratingTranslator('ur')('rating.score', { score: 1 })).toBe('1 – بہت ناخوش');
  });

  it('reads the token and the pre-selected score from the link', () => {
    expect(parseRatingRoute('#/rate/r1.abc_-.XYZ?score=2')).toEqual({ token: 'r1.abc_-.XYZ', score: 2 });
    expect(parseRatingRoute('#/rate/r1.abc.XYZ')).toEqual({ token: 'r1.abc.XYZ', score: null });
    expect(parseRatingRoute('#/rate/r1.abc.XYZ?score=9')).toBeNull();
    expect(parseRatingRoute('#/tickets/abc')).toBeNull();
  });
});
