// Which field labels each kind accepts and the values an object exposes for them. Two layers, as
// in the real server: the per-version field-label conversion (accepts, renames or rejects a label
// with a kind-specific message) and the storage's selectable field set (the values matched).
// Sources: pkg/apis/*/v1/conversion.go, pkg/registry/*/strategy.go, apiextensions' crConverter.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FieldSelector } from './field-selector.ts';
import { SelectorError } from './selector-error.ts';

/** What is known about the kind beyond group and kind. */
export interface FieldSetOptions {
  /** a CustomResourceDefinition-served kind */
  custom?: boolean;
  /** false for cluster-scoped kinds; default true */
  namespaced?: boolean;
  /** CRD `selectableFields[].jsonPath` of the served version, e.g. `.spec.color` */
  selectableFields?: string[];
}

type RejectStyle = 'not-supported' | 'default-meta' | 'batch-job';

interface KindFields {
  /** labels the conversion accepts, with the label they are renamed to */
  labels: Readonly<Record<string, string>>;
  reject: RejectStyle;
  namespaced: boolean;
  values: (obj: JsonObject) => Record<string, string>;
}

function get(obj: JsonValue | undefined, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = obj;
  for (const segment of path.split('.')) {
    if (!isJsonObject(cur)) return undefined;
    cur = cur[segment];
  }
  return cur;
}

function str(obj: JsonObject, path: string): string {
  const v = get(obj, path);
  return typeof v === 'string' ? v : '';
}

function int(obj: JsonObject, path: string): string {
  const v = get(obj, path);
  return typeof v === 'number' ? String(Math.trunc(v)) : '0';
}

function bool(obj: JsonObject, path: string): string {
  return get(obj, path) === true ? 'true' : 'false';
}

function identity(...labels: string[]): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l, l]));
}

function metaFields(obj: JsonObject, namespaced: boolean): Record<string, string> {
  const fields: Record<string, string> = { 'metadata.name': str(obj, 'metadata.name') };
  if (namespaced) fields['metadata.namespace'] = str(obj, 'metadata.namespace');
  return fields;
}

function podFields(pod: JsonObject): Record<string, string> {
  const podIPs = get(pod, 'status.podIPs');
  const firstIP = Array.isArray(podIPs) && isJsonObject(podIPs[0]) ? podIPs[0].ip : undefined;
  return {
    'spec.nodeName': str(pod, 'spec.nodeName'),
    'spec.restartPolicy': str(pod, 'spec.restartPolicy'),
    'spec.schedulerName': str(pod, 'spec.schedulerName'),
    'spec.serviceAccountName': str(pod, 'spec.serviceAccountName'),
    'spec.hostNetwork': bool(pod, 'spec.hostNetwork'),
    'status.phase': str(pod, 'status.phase'),
    'status.podIP': typeof firstIP === 'string' ? firstIP : str(pod, 'status.podIP'),
    'status.nominatedNodeName': str(pod, 'status.nominatedNodeName'),
  };
}

const EVENT_LABELS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
];

/** Both Event APIs share the core storage, whose field set uses the core/v1 names. */
function eventFields(event: JsonObject, reference: string, reportingField: string, sourcePath: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const label of EVENT_LABELS) fields[label] = str(event, `${reference}.${label.slice('involvedObject.'.length)}`);
  const reporting = str(event, reportingField);
  const source = str(event, sourcePath);
  fields.reason = str(event, 'reason');
  fields.reportingComponent = reporting;
  fields.source = source !== '' ? source : reporting;
  fields.type = str(event, 'type');
  return fields;
}

const BUILT_IN: ReadonlyMap<string, KindFields> = new Map<string, KindFields>([
  [
    '/Pod',
    {
      labels: {
        ...identity(
          'metadata.name',
          'metadata.namespace',
          'spec.nodeName',
          'spec.restartPolicy',
          'spec.schedulerName',
          'spec.serviceAccountName',
          'spec.hostNetwork',
          'status.phase',
          'status.podIP',
          'status.podIPs',
          'status.nominatedNodeName',
        ),
        // old v1 clients send spec.host
        'spec.host': 'spec.nodeName',
      },
      reject: 'not-supported',
      namespaced: true,
      values: podFields,
    },
  ],
  ['/Node', { labels: identity('metadata.name', 'spec.unschedulable'), reject: 'not-supported', namespaced: false, values: (o) => ({ 'spec.unschedulable': bool(o, 'spec.unschedulable') }) }],
  [
    '/ReplicationController',
    { labels: identity('metadata.name', 'metadata.namespace', 'status.replicas'), reject: 'not-supported', namespaced: true, values: (o) => ({ 'status.replicas': int(o, 'status.replicas') }) },
  ],
  [
    '/Event',
    {
      labels: identity(...EVENT_LABELS, 'reason', 'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name'),
      reject: 'not-supported',
      namespaced: true,
      values: (o) => eventFields(o, 'involvedObject', 'reportingComponent', 'source.component'),
    },
  ],
  ['/Namespace', { labels: identity('status.phase', 'metadata.name'), reject: 'not-supported', namespaced: false, values: (o) => ({ 'status.phase': str(o, 'status.phase') }) }],
  ['/Secret', { labels: identity('type', 'metadata.namespace', 'metadata.name'), reject: 'not-supported', namespaced: true, values: (o) => ({ type: str(o, 'type') }) }],
  [
    '/Service',
    {
      labels: identity('metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'),
      reject: 'not-supported',
      namespaced: true,
      values: (o) => ({ 'spec.clusterIP': str(o, 'spec.clusterIP'), 'spec.type': str(o, 'spec.type') }),
    },
  ],
  [
    'events.k8s.io/Event',
    {
      labels: {
        reason: 'reason',
        'regarding.kind': 'involvedObject.kind',
        'regarding.namespace': 'involvedObject.namespace',
        'regarding.name': 'involvedObject.name',
        'regarding.uid': 'involvedObject.uid',
        'regarding.apiVersion': 'involvedObject.apiVersion',
        'regarding.resourceVersion': 'involvedObject.resourceVersion',
        'regarding.fieldPath': 'involvedObject.fieldPath',
        reportingController: 'reportingComponent',
        source: 'source',
        type: 'type',
        'metadata.namespace': 'metadata.namespace',
        'metadata.name': 'metadata.name',
      },
      reject: 'not-supported',
      namespaced: true,
      values: (o) => eventFields(o, 'regarding', 'reportingController', 'deprecatedSource.component'),
    },
  ],
  // apps/v1 registers no conversion for ReplicaSet, so the server rejects status.replicas with the
  // default message even though the storage exposes it (kubernetes/kubernetes#135136).
  ['apps/ReplicaSet', { labels: identity('metadata.name', 'metadata.namespace'), reject: 'default-meta', namespaced: true, values: (o) => ({ 'status.replicas': int(o, 'status.replicas') }) }],
  [
    'batch/Job',
    { labels: identity('metadata.name', 'metadata.namespace', 'status.successful'), reject: 'batch-job', namespaced: true, values: (o) => ({ 'status.successful': int(o, 'status.succeeded') }) },
  ],
  [
    'certificates.k8s.io/CertificateSigningRequest',
    { labels: identity('metadata.name', 'spec.signerName'), reject: 'not-supported', namespaced: false, values: (o) => ({ 'spec.signerName': str(o, 'spec.signerName') }) },
  ],
  [
    'certificates.k8s.io/ClusterTrustBundle',
    { labels: identity('metadata.name', 'spec.signerName'), reject: 'not-supported', namespaced: false, values: (o) => ({ 'spec.signerName': str(o, 'spec.signerName') }) },
  ],
]);

/** `.spec.color` → `spec.color` (the label of a CRD selectable field). */
function selectableFieldLabel(jsonPath: string): string {
  return jsonPath.startsWith('.') ? jsonPath.slice(1) : jsonPath;
}

function kindFields(group: string, kind: string, options: FieldSetOptions): KindFields {
  const namespaced = options.namespaced ?? true;
  if (options.custom === true || options.selectableFields !== undefined) {
    const selectable = (options.selectableFields ?? []).map(selectableFieldLabel);
    const labels = namespaced ? identity('metadata.name', 'metadata.namespace', ...selectable) : identity('metadata.name', ...selectable);
    return {
      labels,
      reject: 'not-supported',
      namespaced,
      values: (o) => {
        const fields: Record<string, string> = {};
        for (const label of selectable) {
          const v = get(o, label);
          // fmt.Sprint of the value; schemas limit selectable fields to string, integer, boolean.
          fields[label] = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
        }
        return fields;
      },
    };
  }
  const builtIn = BUILT_IN.get(`${group}/${kind}`);
  if (builtIn !== undefined) return builtIn;
  // runtime.DefaultMetaV1FieldSelectorConversion: metadata.name and metadata.namespace for every
  // other kind, cluster-scoped ones included (their namespace reads as "").
  return { labels: identity('metadata.name', 'metadata.namespace'), reject: 'default-meta', namespaced, values: () => ({}) };
}

/**
 * The field values an object exposes to field selectors, keyed by the (converted) label. Always
 * includes metadata.name, and metadata.namespace for namespaced kinds.
 */
export function fieldSetFor(group: string, kind: string, obj: JsonObject, options: FieldSetOptions = {}): Record<string, string> {
  const fields = kindFields(group, kind, options);
  return { ...fields.values(obj), ...metaFields(obj, fields.namespaced) };
}

/** The labels a field selector may use for this kind, as clients spell them. */
export function supportedFieldLabels(group: string, kind: string, options: FieldSetOptions = {}): string[] {
  return Object.keys(kindFields(group, kind, options).labels);
}

/**
 * The 400 the server gives for a label the kind does not support. Most kinds say
 * `field label not supported: <field>`; kinds without their own conversion (ConfigMap,
 * Deployment, ...) say `"<field>" is not a known field selector: only "metadata.name",
 * "metadata.namespace"`; batch/v1 Job has its own wording.
 */
export function unsupportedFieldError(field: string, kind: string, options: FieldSetOptions & { group?: string } = {}): SelectorError {
  const style = kindFields(options.group ?? '', kind, options).reject;
  switch (style) {
    case 'default-meta':
      return new SelectorError(`${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
    case 'batch-job':
      return new SelectorError(`field label ${JSON.stringify(field)} not supported for batchv1.Job`);
    case 'not-supported':
      return new SelectorError(`field label not supported: ${field}`);
  }
}

/**
 * The server's field-label conversion: checks every label against the kind and renames aliases
 * (`spec.host` → `spec.nodeName`, `regarding.name` → `involvedObject.name`) so the result can be
 * matched against fieldSetFor(). Throws unsupportedFieldError for the first unknown label.
 */
export function convertFieldSelector(sel: FieldSelector, group: string, kind: string, options: FieldSetOptions = {}): FieldSelector {
  const fields = kindFields(group, kind, options);
  return {
    requirements: sel.requirements.map((r) => {
      const converted = Object.prototype.hasOwnProperty.call(fields.labels, r.field) ? fields.labels[r.field] : undefined;
      if (converted === undefined) throw unsupportedFieldError(r.field, kind, { ...options, group });
      return { ...r, field: converted };
    }),
  };
}
