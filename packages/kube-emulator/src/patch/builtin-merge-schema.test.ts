import { describe, expect, it } from 'vitest';
import { builtinMergeSchema } from './builtin-merge-schema.ts';

describe('builtinMergeSchema', () => {
  it('knows pod template lists of workloads', () => {
    const s = builtinMergeSchema('apps', 'v1', 'Deployment');
    const spec = ['spec', 'template', 'spec'];
    expect(s.listAt([...spec, 'containers'])).toMatchObject({ listType: 'map', keys: ['name'] });
    expect(s.listAt([...spec, 'containers', 'ports'])).toMatchObject({ keys: ['containerPort', 'protocol'], patchMergeKey: 'containerPort' });
    expect(s.listAt([...spec, 'initContainers', 'env'])).toMatchObject({ keys: ['name'] });
    expect(s.listAt([...spec, 'containers', 'volumeMounts'])).toMatchObject({ keys: ['mountPath'] });
    expect(s.listAt([...spec, 'volumes'])).toMatchObject({ keys: ['name'], retainKeys: true });
    expect(s.listAt([...spec, 'tolerations'])).toBeUndefined();
    expect(s.listAt([...spec, 'hostAliases'])).toMatchObject({ keys: ['ip'] });
    expect(s.listAt(['status', 'conditions'])).toMatchObject({ keys: ['type'] });
    expect(s.listAt(['metadata', 'finalizers'])).toMatchObject({ listType: 'set' });
    expect(s.listAt(['metadata', 'ownerReferences'])).toMatchObject({ keys: ['uid'], itemsAtomic: true });
  });

  it('knows Pod, Service, CronJob, Node, ServiceAccount and endpoint kinds', () => {
    expect(builtinMergeSchema('', 'v1', 'Pod').listAt(['spec', 'ephemeralContainers'])).toMatchObject({ keys: ['name'] });
    expect(builtinMergeSchema('', 'v1', 'Pod').listAt(['spec', 'imagePullSecrets'])).toMatchObject({ keys: ['name'] });
    expect(builtinMergeSchema('', 'v1', 'Service').listAt(['spec', 'ports'])).toMatchObject({ keys: ['port', 'protocol'], patchMergeKey: 'port' });
    expect(builtinMergeSchema('batch', 'v1', 'CronJob').listAt(['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'])).toMatchObject({ keys: ['name'] });
    expect(builtinMergeSchema('', 'v1', 'Node').listAt(['status', 'conditions'])).toMatchObject({ keys: ['type'] });
    expect(builtinMergeSchema('', 'v1', 'ServiceAccount').listAt(['secrets'])).toMatchObject({ keys: ['name'] });
    expect(builtinMergeSchema('', 'v1', 'Endpoints').listAt(['subsets'])).toMatchObject({ listType: 'atomic' });
    expect(builtinMergeSchema('discovery.k8s.io', 'v1', 'EndpointSlice').listAt(['endpoints'])).toMatchObject({ listType: 'atomic' });
    expect(builtinMergeSchema('', 'v1', 'ConfigMap').listAt(['data'])).toBeUndefined();
    expect(builtinMergeSchema('', 'v1', 'Secret').listAt(['metadata', 'ownerReferences'])).toMatchObject({ keys: ['uid'] });
  });
});
