export * from './access-log.ts';
export * from './auth-policy.ts';
export * from './service-network.ts';
export * from './vpc-association.ts';
export * from './services/index.ts';
