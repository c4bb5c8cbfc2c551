export * from './aws-clients.ts';
export * from './aws-errors.ts';
export * from './client-token.ts';
export { instrumentClient } from './aws-call-metrics.ts';
