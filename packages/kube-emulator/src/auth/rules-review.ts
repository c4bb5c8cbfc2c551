// The rules a user holds in a namespace, as a SelfSubjectRulesReview reports them
// (`kubectl auth can-i --list`).
import type { JsonObject } from '../json.ts';
import { visitRulesFor } from './rbac.ts';
import type { RbacObjects, UserInfo } from './types.ts';
import { GROUP_MASTERS } from './user-info.ts';

export interface RulesReview {
  resourceRules: JsonObject[];
  nonResourceRules: JsonObject[];
  incomplete: boolean;
  evaluationError?: string;
}

/** The `status` of a SelfSubjectRulesReview for `user` in `namespace`. */
export function rulesReviewFor(user: UserInfo, namespace: string, rbac: RbacObjects): RulesReview {
  const resourceRules: JsonObject[] = [];
  const nonResourceRules: JsonObject[] = [];
  if (user.groups.includes(GROUP_MASTERS)) {
    // the privileged-group authorizer's answer
    resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  const errors: string[] = [];
  visitRulesFor(user, namespace, rbac, ({ rule, error }) => {
    if (error !== undefined) errors.push(error);
    if (rule !== undefined && rule.resources.length > 0) {
      const r: JsonObject = { verbs: rule.verbs, apiGroups: rule.apiGroups, resources: rule.resources };
      if (rule.resourceNames.length > 0) r.resourceNames = rule.resourceNames;
      resourceRules.push(r);
    }
    if (rule !== undefined && rule.nonResourceURLs.length > 0) nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
    return true;
  });
  const review: RulesReview = { resourceRules, nonResourceRules, incomplete: false };
  if (errors.length > 0) {
    const unique = [...new Set(errors)];
    review.evaluationError = unique.length === 1 ? (unique[0]) : `[${unique.join(', ')}]`;
  }
  return review;
}
