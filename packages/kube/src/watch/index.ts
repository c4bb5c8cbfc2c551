export * from './watched-collection.ts';
