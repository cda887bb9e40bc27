export const CATEGORIES = ['emergency', 'alert', 'question', 'incident', 'feature_request', 'general'] as const;
export type Category = (typeof CATEGORIES)[number];
