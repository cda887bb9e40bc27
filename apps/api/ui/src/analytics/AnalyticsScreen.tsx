import { lazyScreen } from './lazy-screen';

/** The analyst screen, loaded when first opened (#/analytics). */
export const AnalyticsScreen = lazyScreen(() => import('./AnalyticsPage').then((m) => m.AnalyticsPage));
