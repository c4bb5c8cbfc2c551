export * from './rules.ts';
export * from './names.ts';
export * from './tags.ts';
