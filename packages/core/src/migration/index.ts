export * from './types.ts';
export * from './job-id.ts';
export * from './operations.ts';
export * from './state-machine.ts';
export * from './validation.ts';
export * from './weight-override.ts';
