export * from './connection/index.ts';
export * from './leader/index.ts';
export * from './objects/index.ts';
export * from './watch/index.ts';
export * from './mcs/index.ts';
