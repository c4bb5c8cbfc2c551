export * from './api/index.ts';
export * from './conditions/index.ts';
export * from './errors/index.ts';
export * from './identifiers/index.ts';
export * from './naming/index.ts';
export * from './validation/index.ts';
export * from './mcs/index.ts';
