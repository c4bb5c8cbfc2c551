import { isJsonObject } from '../../json.ts';
import type { KindStrategy } from '../strategies.ts';

export const podStrategy: KindStrategy = {
  prepareCreate(_state, obj) {
    const spec = isJsonObject(obj.spec) ? obj.spec : {};
    spec.restartPolicy ??= 'Always';
    spec.dnsPolicy ??= 'ClusterFirst';
    spec.schedulerName ??= 'default-scheduler';
    spec.serviceAccountName ??= 'default';
    spec.terminationGracePeriodSeconds ??= 30;
    obj.spec = spec;
    const status = isJsonObject(obj.status) ? obj.status : {};
    status.phase ??= 'Pending';
    obj.status = status;
  },
};
