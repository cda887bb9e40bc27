import { indexText, normaliseText, queryGroups, tokenize } from './urdu-normaliser';

/** A query matches an indexed text when every group has an alternative that prefixes a word. */
const matches = (text: string, query: string) => {
  const words = indexText(text).split(' ');
  return queryGroups(query).every((group) => group.some((alt) => words.some((w) => w.startsWith(alt))));
};

describe('the Urdu normaliser (indexer and query alike)', () => {
  it('drops diacritics: کِتاب is کتاب', () => {
    expect(normaliseText('کِتاب')).toBe(normaliseText('کتاب'));
    expect(normaliseText('پاکِستان زِندہ باد')).toBe('پاکستان زندہ باد');
  });

  it('takes the Arabic yeh, kaf and heh as the Urdu letters', () => {
    expect(normaliseText('ميرا')).toBe(normaliseText('میرا'));
    expect(normaliseText('كتاب')).toBe(normaliseText('کتاب'));
    expect(normaliseText('مهربانی')).toBe(normaliseText('مہربانی'));
  });

  it('removes zero-width joiners and non-joiners inside a word', () => {
    expect(normaliseText('پاس\u200Cورڈ')).toBe('پاسورڈ');
    expect(normaliseText('re\u200Bset')).toBe('reset');
  });

  it('finds a compound written apart by its joined spelling and the other way round', () => {
    expect(matches('اپنا پاس ورڈ بدلیں', 'پاسورڈ')).toBe(true);
    expect(matches('اپنا پاسورڈ بدلیں', 'پاس ورڈ')).toBe(true);
    expect(matches('اپنا پاسورڈ بدلیں', 'ای میل')).toBe(false);
  });

  it('reads Urdu and Arabic-Indic digits as digits, and folds Latin case and accents', () => {
    expect(tokenize('۱۲۳ ١٢٣ Café RÉSUMÉ')).toEqual(['123', '123', 'cafe', 'resume']);
  });

  it('splits on Urdu punctuation', () => {
    expect(tokenize('سلام۔ کیا حال ہے؟ ٹھیک،شکریہ')).toEqual(['سلام', 'کیا', 'حال', 'ہے', 'ٹھیک', 'شکریہ']);
  });

  it('keeps an empty or punctuation-only query empty', () => {
    expect(queryGroups('  ؟!  ')).toEqual([]);
  });
});
