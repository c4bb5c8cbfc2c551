export * from './resource-share.ts';
