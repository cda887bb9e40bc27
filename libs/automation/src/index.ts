export * from './macros';
export * from './rules';
