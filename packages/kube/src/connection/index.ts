export * from './kube-config.ts';
