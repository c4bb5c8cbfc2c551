// RBAC authorization as kube-apiserver evaluates it (plugin/pkg/auth/authorizer/rbac): visit the
// rules of every ClusterRoleBinding, then of every RoleBinding in the request's namespace, whose
// subjects include the user; allow on the first rule that covers the request.
import { forbiddenMessage } from './forbidden-message.ts';
import { RbacRoleResolver, bindingRoleRef, bindingSubjects, objectName, objectNamespace } from './rbac-objects.ts';
import type { PolicyRule, RoleRef, Subject } from './rbac-objects.ts';
import type { Decision, RbacObjects, RequestAttributes, UserInfo } from './types.ts';
import { GROUP_MASTERS, serviceAccountUsername } from './user-info.ts';

const ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

// `*` matches everything, subresources included; `*/scale` matches any resource's scale.
export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  return rule.resources.some((r) => {
    if (r === ALL || r === combinedResource) return true;
    return subresource !== '' && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource);
  });
}

/**
 * No resourceNames → any name. Otherwise the request's name must be listed, so create, list,
 * watch and deletecollection (which carry no name) are never allowed by such a rule.
 */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

// `*` any path; exact; or a trailing `*` as a prefix match (`/apis/*`).
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some((u) => u === ALL || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))));
}

export function isResourceRequest(attrs: RequestAttributes): boolean {
  return attrs.nonResourcePath === undefined;
}

export function ruleAllows(attrs: RequestAttributes, rule: PolicyRule): boolean {
  if (!isResourceRequest(attrs)) {
    return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.nonResourcePath ?? '');
  }
  const subresource = attrs.subresource ?? '';
  const combined = subresource === '' ? attrs.resource : `${attrs.resource}/${subresource}`;
  return (
    verbMatches(rule, attrs.verb) &&
    apiGroupMatches(rule, attrs.apiGroup) &&
    resourceMatches(rule, combined, subresource) &&
    resourceNameMatches(rule, attrs.name ?? '')
  );
}

/** Does the subject name this user? ServiceAccount subjects default to the binding's namespace. */
export function subjectAppliesTo(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace !== '' ? subject.namespace : bindingNamespace;
      return namespace !== '' && user.username === serviceAccountUsername(namespace, subject.name);
    }
    default:
      return false;
  }
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    const namespace = subject.namespace !== '' ? subject.namespace : bindingNamespace;
    return `${subject.kind} ${JSON.stringify(`${subject.name}/${namespace}`)}`;
  }
  return `${subject.kind} ${JSON.stringify(subject.name)}`;
}

/** Where a rule came from, in the words of the RBAC authorizer's "allowed by ..." reason. */
function describeSource(binding: { name: string; namespace: string }, ref: RoleRef, subject: Subject): string {
  if (binding.namespace === '') {
    return `ClusterRoleBinding ${JSON.stringify(binding.name)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, '')}`;
  }
  return `RoleBinding ${JSON.stringify(`${binding.name}/${binding.namespace}`)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, binding.namespace)}`;
}

export interface RuleVisit {
  /** undefined when the binding's role could not be resolved */
  rule?: PolicyRule;
  error?: string;
  /** human description of the binding, for "allowed by" reasons */
  source: string;
}

/**
 * Calls `visitor` for every rule that applies to `user` in `namespace` ('' → cluster scope only),
 * and for every binding whose role is missing. Stops when the visitor returns false.
 */
export function visitRulesFor(user: UserInfo, namespace: string, rbac: RbacObjects, visitor: (visit: RuleVisit) => boolean): void {
  const resolver = new RbacRoleResolver(rbac);
  const visitBinding = (bindingObject: (typeof rbac.roleBindings)[number], bindingNamespace: string): boolean => {
    const subject = bindingSubjects(bindingObject).find((s) => subjectAppliesTo(user, s, bindingNamespace));
    if (subject === undefined) return true;
    const ref = bindingRoleRef(bindingObject);
    const source = describeSource({ name: objectName(bindingObject), namespace: bindingNamespace }, ref, subject);
    const result = resolver.roleReferenceRules(ref, bindingNamespace);
    if (result.error !== undefined) return visitor({ error: result.error, source });
    for (const rule of result.rules) {
      if (!visitor({ rule, source })) return false;
    }
    return true;
  };
  for (const crb of rbac.clusterRoleBindings) {
    if (!visitBinding(crb, '')) return;
  }
  if (namespace === '') return;
  for (const rb of rbac.roleBindings) {
    if (objectNamespace(rb) !== namespace) continue;
    if (!visitBinding(rb, namespace)) return;
  }
}

/** utilerrors.NewAggregate(...).Error() */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? (unique[0]) : `[${unique.join(', ')}]`;
}

/**
 * Authorizes a request: members of system:masters always; otherwise RBAC. A denial's message is
 * the API server's 403 text, e.g. `pods is forbidden: User "alice" cannot list resource "pods"
 * in API group "" in the namespace "default"`.
 */
export function authorize(attrs: RequestAttributes, rbac: RbacObjects): Decision {
  if (attrs.user.groups.includes(GROUP_MASTERS)) return { allowed: true, reason: '' };

  let allowedBy: string | undefined;
  const errors: string[] = [];
  const namespace = isResourceRequest(attrs) ? (attrs.namespace ?? '') : '';
  visitRulesFor(attrs.user, namespace, rbac, (visit) => {
    if (visit.error !== undefined) {
      errors.push(visit.error);
      return true;
    }
    if (visit.rule !== undefined && ruleAllows(attrs, visit.rule)) {
      allowedBy = visit.source;
      return false;
    }
    return true;
  });
  if (allowedBy !== undefined) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
  const reason = errors.length > 0 ? `RBAC: ${aggregate(errors)}` : '';
  return { allowed: false, reason, message: forbiddenMessage(attrs, reason) };
}
