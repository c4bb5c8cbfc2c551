export * from './resource-specs.ts';
