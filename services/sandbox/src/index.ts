export { startSandbox, demoRequests, SANDBOX_CLUSTERS, type Sandbox } from './sandbox.ts';
export { walkThrough, instructions, type StepResult } from './walkthrough.ts';
export { ApiClient, conditionOf } from './api-client.ts';
