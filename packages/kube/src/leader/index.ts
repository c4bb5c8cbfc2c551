export * from './lease-elector.ts';
