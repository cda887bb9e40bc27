/** `#/rate/<token>?score=N`: the public rating page a resolution mail links to, with N pre-selected. */
export interface RatingRoute {
  token: string;
  score: number | null;
}

const RATE = /^#\/rate\/([A-Za-z0-9._-]{1,600})(?:\?score=([1-5]))?$/;

export function parseRatingRoute(hash: string): RatingRoute | null {
  const match = RATE.exec(hash);
  return match ? { token: match[1], score: match[2] ? Number(match[2]) : null } : null;
}
