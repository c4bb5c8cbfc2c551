import type { JsonObject } from '../../json.ts';
import { isJsonObject } from '../../json.ts';
import type { KindStrategy } from '../strategies.ts';

/** The API server's defaulting for apps/v1 Deployments, applied on every write. */
function applyDefaults(obj: JsonObject): void {
  const spec = isJsonObject(obj.spec) ? obj.spec : {};
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  const strategy = isJsonObject(spec.strategy) ? spec.strategy : {};
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    strategy.rollingUpdate ??= { maxUnavailable: '25%', maxSurge: '25%' };
  }
  spec.strategy = strategy;
  obj.spec = spec;
}

// Defaults only: there is no Deployment controller, so no ReplicaSets or Pods appear.
export const deploymentStrategy: KindStrategy = {
  prepareCreate(_state, obj) {
    applyDefaults(obj);
  },
  prepareUpdate(_state, _live, obj) {
    applyDefaults(obj);
  },
};
