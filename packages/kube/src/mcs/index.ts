export * from './mcs-crds.ts';
