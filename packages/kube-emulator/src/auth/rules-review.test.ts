import { describe, expect, it } from 'vitest';
import { defaultClusterRbac } from './default-cluster-rbac.ts';
import { roleBinding, user, userSubject } from './rbac-fixtures.test-helpers.ts';
import { rulesReviewFor } from './rules-review.ts';

describe('rulesReviewFor', () => {
  it('lists the resource and non-resource rules a user holds in a namespace', () => {
    const rbac = defaultClusterRbac();
    rbac.roleBindings.push(roleBinding('t', 'rb', { kind: 'Role', name: 'missing' }, [userSubject('u')]));
    const review = rulesReviewFor(user('u'), 't', rbac);
    expect(review.resourceRules).toContainEqual({ verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] });
    expect(review.nonResourceRules.some((r) => (r.nonResourceURLs as string[]).includes('/apis/*'))).toBe(true);
    expect(review.evaluationError).toBe('role.rbac.authorization.k8s.io "missing" not found');
    expect(review.incomplete).toBe(false);
  });

  it('reports everything for system:masters', () => {
    const review = rulesReviewFor(user('root', 'system:masters'), 'x', defaultClusterRbac());
    expect(review.resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
  });
});
