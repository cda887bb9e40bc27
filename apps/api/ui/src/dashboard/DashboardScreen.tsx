import { lazyScreen } from '../analytics/lazy-screen';

/** The supervisor dashboard, loaded when first opened (#/dashboard). */
export const DashboardScreen = lazyScreen(() => import('./DashboardPage').then((m) => m.DashboardPage));
