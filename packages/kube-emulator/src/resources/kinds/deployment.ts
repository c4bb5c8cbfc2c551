import { isJsonObject } from '../../json.ts';
import type { KindStrategy } from '../strategies.ts';

// Defaults only: there is no Deployment controller, so no ReplicaSets or Pods appear.
export const deploymentStrategy: KindStrategy = {
  prepareCreate(_state, obj) {
    const spec = isJsonObject(obj.spec) ? obj.spec : {};
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
    obj.spec = spec;
  },
};
