export { DEMO, demoSeed } from './demo-seed.ts';
export { startWorld, type World, type WorldOptions } from './world.ts';
