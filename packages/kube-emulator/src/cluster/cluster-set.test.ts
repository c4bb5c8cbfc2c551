import { describe, expect, it } from 'vitest';
import { ClusterNameError, ClusterSet } from './cluster-set.ts';

describe('ClusterSet', () => {
  it('creates cluster state only on first use', () => {
    const set = new ClusterSet(() => ({ historySize: 10 }));
    const cluster = set.add('alpha');
    expect(cluster.materialized).toBe(false);
    expect(cluster.state.store.count('/namespaces')).toBe(4);
    expect(cluster.materialized).toBe(true);
  });

  it('adds idempotently, removes, and refuses names that are not DNS labels', () => {
    const set = new ClusterSet(() => ({ historySize: 10 }));
    expect(set.add('alpha')).toBe(set.add('alpha'));
    expect(set.names()).toEqual(['alpha']);
    expect(set.remove('alpha')).toBe(true);
    expect(set.remove('alpha')).toBe(false);
    expect(() => set.add('Not_Valid')).toThrow(ClusterNameError);
  });

  it('shares the bootstrap RBAC rule bodies between clusters', () => {
    const set = new ClusterSet(() => ({ historySize: 10 }));
    const a = set.add('a').state.store.get('rbac.authorization.k8s.io/clusterroles', '', 'view');
    const b = set.add('b').state.store.get('rbac.authorization.k8s.io/clusterroles', '', 'view');
    expect(a?.metadata).not.toBe(b?.metadata);
    expect(a?.rules).toBe(b?.rules);
  });
});
