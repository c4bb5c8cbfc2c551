export * from './aws.ts';
