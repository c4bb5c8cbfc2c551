// Rows for the core/v1 kinds other than pods, as kube-apiserver prints them.
import type { JsonObject, JsonValue } from '../json.ts';
import { AGE_COLUMN, NAME_COLUMN, column } from './columns.ts';
import { timestampSince } from './human-duration.ts';
import { arr, formatLabels, metadataOf, num, obj, objs, str } from './json-access.ts';
import type { Printer } from './printer.ts';

function name(o: JsonObject): string {
  return str(metadataOf(o).name);
}

function age(o: JsonObject, now: Date): string {
  return timestampSince(metadataOf(o).creationTimestamp, now);
}

function servicePorts(ports: JsonObject[]): string {
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => {
      const protocol = str(p.protocol) || 'TCP';
      return num(p.nodePort) > 0
        ? `${num(p.port)}:${num(p.nodePort)}/${protocol}`
        : `${num(p.port)}/${protocol}`;
    })
    .join(',');
}

function serviceExternalIP(svc: JsonObject): string {
  const spec = obj(svc.spec);
  const externalIPs = arr(spec.externalIPs).map((v) => str(v));
  switch (str(spec.type) || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = objs(obj(obj(svc.status).loadBalancer).ingress)
        .map((i) => str(i.ip) || str(i.hostname))
        .filter((s) => s !== '');
      const all = [...ingress, ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

export const SERVICE_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'type determines how the Service is exposed.'),
    column(
      'Cluster-IP',
      'clusterIP is the IP address of the service and is usually assigned randomly.',
    ),
    column(
      'External-IP',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    column('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE_COLUMN,
    column(
      'Selector',
      'Route service traffic to pods with label keys and values matching this selector.',
      { priority: 1 },
    ),
  ],
  row: (svc, now) => {
    const spec = obj(svc.spec);
    return {
      cells: [
        name(svc),
        str(spec.type),
        str(spec.clusterIP) || '<none>',
        serviceExternalIP(svc),
        servicePorts(objs(spec.ports)),
        age(svc, now),
        formatLabels(spec.selector),
      ],
    };
  },
};

export const NAMESPACE_PRINTER: Printer = {
  columns: [NAME_COLUMN, column('Status', 'The status of the namespace'), AGE_COLUMN],
  row: (ns, now) => ({ cells: [name(ns), str(obj(ns.status).phase), age(ns, now)] }),
};

export const SECRET_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'The type of the secret'),
    column('Data', 'The number of entries in the secret'),
    AGE_COLUMN,
  ],
  row: (s, now) => ({
    cells: [name(s), str(s.type), Object.keys(obj(s.data)).length, age(s, now)],
  }),
};

export const CONFIGMAP_PRINTER: Printer = {
  columns: [NAME_COLUMN, column('Data', 'Number of data in configmap'), AGE_COLUMN],
  row: (cm, now) => ({
    cells: [
      name(cm),
      Object.keys(obj(cm.data)).length + Object.keys(obj(cm.binaryData)).length,
      age(cm, now),
    ],
  }),
};

export const SERVICE_ACCOUNT_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column(
      'Secrets',
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
    ),
    AGE_COLUMN,
  ],
  row: (sa, now) => ({ cells: [name(sa), objs(sa.secrets).length, age(sa, now)] }),
};

/** formatEndpoints: up to three `ip:port`, then `+ N more...`; `<none>` with no subsets. */
function formatEndpoints(subsets: JsonObject[]): string {
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = objs(ss.addresses).map((a) => str(a.ip));
    const ports = objs(ss.ports);
    if (ports.length === 0) {
      // headless services can have addresses without ports
      count += addresses.length;
      for (const ip of addresses) if (list.length < max) list.push(ip);
      continue;
    }
    for (const p of ports) {
      count += addresses.length;
      for (const ip of addresses) {
        if (list.length < max)
          list.push(ip.includes(':') ? `[${ip}]:${num(p.port)}` : `${ip}:${num(p.port)}`);
      }
    }
  }
  const ret = list.join(',');
  return count > max ? `${ret} + ${count - max} more...` : ret;
}

export const ENDPOINTS_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column('Endpoints', 'Endpoints is the list of endpoints that comprise the service.'),
    AGE_COLUMN,
  ],
  row: (ep, now) => ({ cells: [name(ep), formatEndpoints(objs(ep.subsets)), age(ep, now)] }),
};

function firstNonEmpty(...values: string[]): string {
  return values.find((v) => v !== '') ?? '';
}

/**
 * core/v1 and events.k8s.io/v1 Events print alike (the server converts both to one internal
 * type); the latter's fields are named regarding/note/deprecated*.
 */
function eventRow(e: JsonObject, now: Date): JsonValue[] {
  const involved = obj(e.involvedObject ?? e.regarding);
  const source = obj(e.source ?? e.deprecatedSource);
  const eventTime = str(e.eventTime);
  const firstTs = str(e.firstTimestamp ?? e.deprecatedFirstTimestamp);
  const lastTs = str(e.lastTimestamp ?? e.deprecatedLastTimestamp);
  const first = firstTs !== '' ? timestampSince(firstTs, now) : timestampSince(eventTime, now);
  let last = lastTs !== '' ? timestampSince(lastTs, now) : first;
  let count = num(e.count ?? e.deprecatedCount);
  const series = obj(e.series);
  if (e.series !== undefined && e.series !== null) {
    last = timestampSince(series.lastObservedTime, now);
    count = num(series.count);
  } else if (count === 0) {
    // singleton events carry no count in the newer API
    count = 1;
  }
  const kind = str(involved.kind).toLowerCase();
  const target = str(involved.name) !== '' ? `${kind}/${str(involved.name)}` : kind;
  const component = firstNonEmpty(
    str(source.component),
    str(e.reportingController ?? e.reportingComponent),
  );
  const instance = firstNonEmpty(str(source.host), str(e.reportingInstance));
  return [
    last,
    str(e.type),
    str(e.reason),
    target,
    str(involved.fieldPath),
    instance === '' ? component : `${component}, ${instance}`,
    str(e.message ?? e.note).trim(),
    first,
    count,
    name(e),
  ];
}

export const EVENT_PRINTER: Printer = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'),
    column(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    column('Object', 'The object that this event is about.'),
    column(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
      { priority: 1 },
    ),
    column(
      'Source',
      'The component reporting this event. Should be a short machine understandable string.',
      { priority: 1 },
    ),
    column('Message', 'A human-readable description of the status of this operation.'),
    column(
      'First Seen',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      { priority: 1 },
    ),
    column('Count', 'The number of times this event has occurred.', { priority: 1 }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  row: (e, now) => ({ cells: eventRow(e, now) }),
};

function nodeStatus(node: JsonObject): string {
  const ready = objs(obj(node.status).conditions).find((c) => str(c.type) === 'Ready');
  const parts = [
    ready === undefined ? 'Unknown' : str(ready.status) === 'True' ? 'Ready' : 'NotReady',
  ];
  if (obj(node.spec).unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: JsonObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj(metadataOf(node).labels))) {
    if (k.startsWith('node-role.kubernetes.io/'))
      roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && str(v) !== '') roles.add(str(v));
  }
  const sorted = [...roles].filter((r) => r !== '').sort();
  return sorted.length === 0 ? '<none>' : sorted.join(',');
}

function nodeAddress(node: JsonObject, type: string): string {
  return (
    str(objs(obj(node.status).addresses).find((a) => str(a.type) === type)?.address) || '<none>'
  );
}

export const NODE_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('External-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column(
      'OS-Image',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      { priority: 1 },
    ),
    column(
      'Kernel-Version',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      { priority: 1 },
    ),
    column(
      'Container-Runtime',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      { priority: 1 },
    ),
  ],
  row: (node, now) => {
    const info = obj(obj(node.status).nodeInfo);
    return {
      cells: [
        name(node),
        nodeStatus(node),
        nodeRoles(node),
        age(node, now),
        str(info.kubeletVersion),
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        str(info.osImage) || '<unknown>',
        str(info.kernelVersion) || '<unknown>',
        str(info.containerRuntimeVersion) || '<unknown>',
      ],
    };
  },
};
