import type { JsonObject } from '../../json.ts';
import { isJsonObject } from '../../json.ts';
import { ServiceIpAllocator } from '../../cluster/service-ip-allocator.ts';
import type { InvalidCause } from '../../server/api-error.ts';
import type { KindStrategy } from '../strategies.ts';

function specOf(obj: JsonObject): JsonObject {
  const spec = isJsonObject(obj.spec) ? obj.spec : {};
  obj.spec = spec;
  return spec;
}

function defaultPorts(spec: JsonObject): void {
  if (!Array.isArray(spec.ports)) return;
  for (const port of spec.ports) {
    if (!isJsonObject(port)) continue;
    port.protocol ??= 'TCP';
    if (port.targetPort === undefined && typeof port.port === 'number') port.targetPort = port.port;
  }
}

function defaultSpec(spec: JsonObject): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') {
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  defaultPorts(spec);
}

export const serviceStrategy: KindStrategy = {
  prepareCreate(state, obj) {
    const spec = specOf(obj);
    defaultSpec(spec);
    if (spec.type !== 'ExternalName') {
      const requested = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
      if (requested === '') spec.clusterIP = state.serviceIps.allocate();
      else if (requested !== 'None' && ServiceIpAllocator.inRange(requested)) state.serviceIps.reserve(requested);
      spec.clusterIPs = [spec.clusterIP];
    }
    obj.status = { loadBalancer: {} };
  },
  prepareUpdate(_state, live, obj) {
    const spec = specOf(obj);
    const liveSpec = isJsonObject(live.spec) ? live.spec : {};
    // clusterIP is immutable; an update that leaves it out keeps the allocated one
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      if (liveSpec.clusterIP !== undefined) spec.clusterIP = liveSpec.clusterIP;
      if (liveSpec.clusterIPs !== undefined) spec.clusterIPs = liveSpec.clusterIPs;
    }
    defaultSpec(spec);
  },
  validate(_state, obj, live) {
    const spec = isJsonObject(obj.spec) ? obj.spec : {};
    const causes: InvalidCause[] = [];
    const ip = spec.clusterIP;
    if (typeof ip === 'string' && ip !== '' && ip !== 'None' && !ServiceIpAllocator.inRange(ip)) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs[0]',
        message: `spec.clusterIPs[0]: Invalid value: "${ip}": failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
      });
    }
    const liveSpec = live && isJsonObject(live.spec) ? live.spec : undefined;
    if (liveSpec && liveSpec.clusterIP !== undefined && ip !== liveSpec.clusterIP) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs[0]',
        message: `spec.clusterIPs[0]: Invalid value: ${JSON.stringify(spec.clusterIPs ?? [])}: may not change once set`,
      });
    }
    const headless = ip === 'None';
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    if (spec.type !== 'ExternalName' && !headless && ports.length === 0) {
      causes.push({ type: 'FieldValueRequired', field: 'spec.ports', message: 'spec.ports: Required value' });
    }
    return causes;
  },
  afterDelete(state, obj) {
    const spec = isJsonObject(obj.spec) ? obj.spec : {};
    if (typeof spec.clusterIP === 'string') state.serviceIps.release(spec.clusterIP);
  },
};
