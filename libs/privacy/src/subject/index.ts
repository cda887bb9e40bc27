export * from './subject-events';
export * from './erasure-proof';
export * from './decide-erasure';
export * from './retention-policy';
