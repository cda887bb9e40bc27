export * from './macros';
