export * from './clients/index.ts';
export * from './eks/index.ts';
export * from './identity/index.ts';
export * from './lattice/index.ts';
export * from './ram/index.ts';
