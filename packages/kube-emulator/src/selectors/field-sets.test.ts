import { describe, expect, it } from 'vitest';
import { matchesFields, parseFieldSelector } from './field-selector.ts';
import { convertFieldSelector, fieldSetFor, supportedFieldLabels, unsupportedFieldError } from './field-sets.ts';
import type { FieldSetOptions } from './field-sets.ts';
import type { JsonObject } from '../json.ts';
import { SelectorError } from './selector-error.ts';

function select(selector: string, group: string, kind: string, obj: JsonObject, options?: FieldSetOptions): boolean {
  const sel = convertFieldSelector(parseFieldSelector(selector), group, kind, options);
  return matchesFields(sel, fieldSetFor(group, kind, obj, options));
}

function rejection(selector: string, group: string, kind: string, options?: FieldSetOptions): string {
  try {
    convertFieldSelector(parseFieldSelector(selector), group, kind, options);
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorError);
    return (err as Error).message;
  }
  throw new Error('expected a rejection');
}

const pod: JsonObject = {
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'node-a', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'sa', hostNetwork: true },
  status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.7' }, { ip: 'fd00::7' }], nominatedNodeName: '' },
};

describe('pods', () => {
  it('exposes the pod field set', () => {
    expect(fieldSetFor('', 'Pod', pod)).toEqual({
      'metadata.name': 'web-1',
      'metadata.namespace': 'default',
      'spec.nodeName': 'node-a',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'sa',
      'spec.hostNetwork': 'true',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.7',
      'status.nominatedNodeName': '',
    });
  });

  it('selects by supported fields and the spec.host alias', () => {
    expect(select('spec.nodeName=node-a,status.phase=Running', '', 'Pod', pod)).toBe(true);
    expect(select('spec.host=node-a', '', 'Pod', pod)).toBe(true);
    expect(select('status.phase!=Running', '', 'Pod', pod)).toBe(false);
    expect(select('spec.hostNetwork=false', '', 'Pod', { metadata: { name: 'p' } })).toBe(true);
  });

  it('rejects unknown fields', () => {
    expect(rejection('spec.containers=x', '', 'Pod')).toBe('field label not supported: spec.containers');
  });
});

describe('other built-in kinds', () => {
  it('secrets: type', () => {
    expect(select('type=kubernetes.io/tls', '', 'Secret', { metadata: { name: 's', namespace: 'n' }, type: 'kubernetes.io/tls' })).toBe(true);
    expect(rejection('data=x', '', 'Secret')).toBe('field label not supported: data');
  });

  it('core events: involvedObject, reason, source falls back to reportingComponent', () => {
    const event: JsonObject = {
      metadata: { name: 'e', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1', apiVersion: 'v1', resourceVersion: '7', fieldPath: 'spec' },
      reason: 'Scheduled',
      reportingComponent: 'default-scheduler',
      type: 'Normal',
    };
    const fields = fieldSetFor('', 'Event', event);
    expect(fields).toMatchObject({
      'involvedObject.kind': 'Pod',
      'involvedObject.name': 'web-1',
      'involvedObject.uid': 'u1',
      'involvedObject.resourceVersion': '7',
      'involvedObject.fieldPath': 'spec',
      reason: 'Scheduled',
      reportingComponent: 'default-scheduler',
      source: 'default-scheduler',
      type: 'Normal',
    });
    expect(select('involvedObject.name=web-1,involvedObject.kind=Pod', '', 'Event', event)).toBe(true);
    expect(select('source=kubelet', '', 'Event', { ...event, source: { component: 'kubelet' } })).toBe(true);
  });

  it('events.k8s.io events: regarding.* map to the shared field set', () => {
    const event: JsonObject = {
      metadata: { name: 'e', namespace: 'default' },
      regarding: { kind: 'Pod', name: 'web-1' },
      reportingController: 'kubelet',
      reason: 'Pulled',
      type: 'Normal',
    };
    expect(select('regarding.name=web-1,reportingController=kubelet', 'events.k8s.io', 'Event', event)).toBe(true);
    expect(rejection('involvedObject.name=web-1', 'events.k8s.io', 'Event')).toBe('field label not supported: involvedObject.name');
  });

  it('namespaces and nodes are cluster-scoped: metadata.namespace is not a label', () => {
    expect(select('status.phase=Active', '', 'Namespace', { metadata: { name: 'n' }, status: { phase: 'Active' } })).toBe(true);
    expect(rejection('metadata.namespace=x', '', 'Namespace')).toBe('field label not supported: metadata.namespace');
    expect(select('spec.unschedulable=true', '', 'Node', { metadata: { name: 'n' }, spec: { unschedulable: true } })).toBe(true);
    expect(select('spec.unschedulable=false', '', 'Node', { metadata: { name: 'n' } })).toBe(true);
    expect(fieldSetFor('', 'Node', { metadata: { name: 'n' } })).toEqual({ 'metadata.name': 'n', 'spec.unschedulable': 'false' });
  });

  it('services: spec.type and spec.clusterIP', () => {
    expect(select('spec.type=ClusterIP', '', 'Service', { metadata: { name: 's', namespace: 'd' }, spec: { type: 'ClusterIP' } })).toBe(true);
  });

  it('replication controllers: status.replicas', () => {
    expect(select('status.replicas=3', '', 'ReplicationController', { metadata: { name: 'r', namespace: 'd' }, status: { replicas: 3 } })).toBe(true);
  });

  it('jobs: status.successful from status.succeeded, with the batch wording on rejection', () => {
    expect(select('status.successful=2', 'batch', 'Job', { metadata: { name: 'j', namespace: 'd' }, status: { succeeded: 2 } })).toBe(true);
    expect(select('status.successful=0', 'batch', 'Job', { metadata: { name: 'j', namespace: 'd' } })).toBe(true);
    expect(rejection('status.succeeded=1', 'batch', 'Job')).toBe('field label "status.succeeded" not supported for batchv1.Job');
  });

  it('apps/v1 replicasets reject status.replicas like a real server', () => {
    expect(rejection('status.replicas=0', 'apps', 'ReplicaSet')).toBe(
      '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(fieldSetFor('apps', 'ReplicaSet', { metadata: { name: 'r', namespace: 'd' }, status: { replicas: 2 } })['status.replicas']).toBe('2');
  });

  it('kinds without their own conversion accept only metadata fields, with the default message', () => {
    expect(select('metadata.name=c', '', 'ConfigMap', { metadata: { name: 'c', namespace: 'd' } })).toBe(true);
    expect(select('metadata.namespace=d', 'apps', 'Deployment', { metadata: { name: 'c', namespace: 'd' } })).toBe(true);
    expect(rejection('foo.bar=baz', 'networking.k8s.io', 'Ingress')).toBe(
      '"foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  it('cluster-scoped kinds without conversion accept metadata.namespace but it reads as ""', () => {
    const opts = { namespaced: false };
    expect(select('metadata.namespace=', 'rbac.authorization.k8s.io', 'ClusterRole', { metadata: { name: 'x' } }, opts)).toBe(true);
    expect(select('metadata.namespace=x', 'rbac.authorization.k8s.io', 'ClusterRole', { metadata: { name: 'x' } }, opts)).toBe(false);
  });

  it('certificate signing requests: spec.signerName', () => {
    expect(supportedFieldLabels('certificates.k8s.io', 'CertificateSigningRequest')).toEqual(['metadata.name', 'spec.signerName']);
  });
});

describe('custom resources', () => {
  const widget: JsonObject = { metadata: { name: 'w', namespace: 'd' }, spec: { color: 'blue', size: 3, shiny: false } };
  const opts: FieldSetOptions = { custom: true, selectableFields: ['.spec.color', '.spec.size', '.spec.shiny', '.spec.missing'] };

  it('exposes metadata and selectable fields formatted like fmt.Sprint', () => {
    expect(fieldSetFor('example.com', 'Widget', widget, opts)).toEqual({
      'metadata.name': 'w',
      'metadata.namespace': 'd',
      'spec.color': 'blue',
      'spec.size': '3',
      'spec.shiny': 'false',
      'spec.missing': '',
    });
    expect(select('spec.color=blue,spec.size=3', 'example.com', 'Widget', widget, opts)).toBe(true);
  });

  it('rejects other fields with "field label not supported"', () => {
    expect(rejection('status.phase=x', 'example.com', 'Widget', { custom: true })).toBe('field label not supported: status.phase');
    expect(unsupportedFieldError('spec.x', 'Widget', { custom: true }).message).toBe('field label not supported: spec.x');
  });

  it('cluster-scoped custom resources reject metadata.namespace', () => {
    expect(rejection('metadata.namespace=d', 'example.com', 'Gadget', { custom: true, namespaced: false })).toBe(
      'field label not supported: metadata.namespace',
    );
  });
});
