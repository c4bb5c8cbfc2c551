export * from './api-errors.ts';
export * from './finalizers.ts';
export * from './kube-http.ts';
export * from './resource-client.ts';
export * from './resource-ref.ts';
