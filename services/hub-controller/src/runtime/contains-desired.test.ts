import { describe, expect, it } from 'vitest';
import { containsDesired } from './contains-desired.ts';

describe('containsDesired', () => {
  const desired = {
    metadata: { name: 'inventory', labels: { a: '1' }, annotations: { dns: 'x.on.aws' } },
    spec: { type: 'ClusterSetIP', ports: [{ port: 80, protocol: 'TCP' }] },
  };

  it('accepts what the server stored with its own additions', () => {
    const stored = {
      apiVersion: 'multicluster.x-k8s.io/v1alpha1',
      metadata: {
        name: 'inventory',
        uid: 'u',
        resourceVersion: '7',
        labels: { a: '1', other: 'x' },
        annotations: { dns: 'x.on.aws' },
      },
      spec: { type: 'ClusterSetIP', ports: [{ port: 80, protocol: 'TCP', name: 'http' }] },
    };
    expect(containsDesired(stored, desired)).toBe(true);
  });

  it('notices a changed value, a missing field, and an array of another length', () => {
    const changed = { ...desired, spec: { ...desired.spec, type: 'Headless' } };
    expect(containsDesired(changed, desired)).toBe(false);
    const noAnnotation = { ...desired, metadata: { ...desired.metadata, annotations: {} } };
    expect(containsDesired(noAnnotation, desired)).toBe(false);
    const morePorts = {
      ...desired,
      spec: { ...desired.spec, ports: [...desired.spec.ports, { port: 81, protocol: 'TCP' }] },
    };
    expect(containsDesired(morePorts, desired)).toBe(false);
    expect(containsDesired(undefined, desired)).toBe(false);
    expect(containsDesired({ metadata: [] }, { metadata: {} })).toBe(false);
  });
});
