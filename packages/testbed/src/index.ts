export { DEMO, demoSeed } from './demo-seed.ts';
export { startWorld, type World, type WorldOptions } from './world.ts';
export {
  sampleThroughLattice,
  startDemoApp,
  type DemoApp,
  type DemoAppOptions,
} from './demo-app.ts';
