export * from './describe-cluster.ts';
