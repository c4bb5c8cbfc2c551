// Typed views of stored rbac.authorization.k8s.io/v1 objects and the lookup of a binding's role,
// including ClusterRole aggregation evaluated on demand.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { labelSelectorFromObject, matchesLabels } from '../selectors/index.ts';
import type { RbacObjects } from './types.ts';

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface Subject {
  kind: string;
  name: string;
  namespace: string;
}

export interface RoleRef {
  kind: string;
  name: string;
}

function strings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function str(v: JsonValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function meta(obj: JsonObject): JsonObject {
  return isJsonObject(obj.metadata) ? obj.metadata : {};
}

export function objectName(obj: JsonObject): string {
  return str(meta(obj).name);
}

export function objectNamespace(obj: JsonObject): string {
  return str(meta(obj).namespace);
}

function objectLabels(obj: JsonObject): Record<string, string> {
  const labels = meta(obj).labels;
  if (!isJsonObject(labels)) return {};
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function policyRules(role: JsonObject): PolicyRule[] {
  const rules = Array.isArray(role.rules) ? role.rules : [];
  return rules.filter(isJsonObject).map((r) => ({
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  }));
}

export function bindingSubjects(binding: JsonObject): Subject[] {
  const subjects = Array.isArray(binding.subjects) ? binding.subjects : [];
  return subjects.filter(isJsonObject).map((s) => ({ kind: str(s.kind), name: str(s.name), namespace: str(s.namespace) }));
}

export function bindingRoleRef(binding: JsonObject): RoleRef {
  const ref = isJsonObject(binding.roleRef) ? binding.roleRef : {};
  return { kind: str(ref.kind), name: str(ref.name) };
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The outcome of resolving a roleRef: its rules, or the error the real resolver reports. */
export type RoleRulesResult = { rules: PolicyRule[]; error?: undefined } | { rules?: undefined; error: string };

/**
 * Resolves roles for one authorization decision. Aggregated ClusterRoles get the union of the
 * rules of every other ClusterRole their clusterRoleSelectors match — what the aggregation
 * controller would have written into `rules` — computed here instead, so a newly labelled role
 * counts at once. Aggregation nests (admin ← edit ← view); cycles fall back to stored rules.
 */
export class RbacRoleResolver {
  private readonly roles = new Map<string, JsonObject>();
  private readonly clusterRoles = new Map<string, JsonObject>();
  private readonly effective = new Map<string, PolicyRule[]>();

  constructor(rbac: RbacObjects) {
    for (const role of rbac.roles) this.roles.set(`${objectNamespace(role)}/${objectName(role)}`, role);
    for (const clusterRole of rbac.clusterRoles) this.clusterRoles.set(objectName(clusterRole), clusterRole);
  }

  /** rbac's GetRoleReferenceRules, with apimachinery's NotFound wording. */
  roleReferenceRules(ref: RoleRef, bindingNamespace: string): RoleRulesResult {
    switch (ref.kind) {
      case 'Role': {
        const role = this.roles.get(`${bindingNamespace}/${ref.name}`);
        return role === undefined ? { error: `role.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found` } : { rules: policyRules(role) };
      }
      case 'ClusterRole': {
        const rules = this.clusterRoleRules(ref.name, new Set());
        return rules === undefined ? { error: `clusterrole.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found` } : { rules };
      }
      default:
        return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind)}` };
    }
  }

  clusterRoleRules(name: string, visiting: Set<string>): PolicyRule[] | undefined {
    const cached = this.effective.get(name);
    if (cached !== undefined) return cached;
    const clusterRole = this.clusterRoles.get(name);
    if (clusterRole === undefined) return undefined;
    const aggregation = isJsonObject(clusterRole.aggregationRule) ? clusterRole.aggregationRule : undefined;
    if (aggregation === undefined || visiting.has(name)) return policyRules(clusterRole);

    visiting.add(name);
    const union: PolicyRule[] = [];
    const selectors = Array.isArray(aggregation.clusterRoleSelectors) ? aggregation.clusterRoleSelectors : [];
    for (const selectorObject of selectors) {
      let selector;
      try {
        selector = labelSelectorFromObject(selectorObject);
      } catch {
        continue; // the controller skips a selector it cannot parse
      }
      const matched = [...this.clusterRoles.values()]
        .filter((cr) => objectName(cr) !== name && matchesLabels(selector, objectLabels(cr)))
        .sort((a, b) => (objectName(a) < objectName(b) ? -1 : objectName(a) > objectName(b) ? 1 : 0));
      for (const cr of matched) {
        for (const rule of this.clusterRoleRules(objectName(cr), visiting) ?? []) {
          if (!union.some((existing) => sameRule(existing, rule))) union.push(rule);
        }
      }
    }
    visiting.delete(name);
    this.effective.set(name, union);
    return union;
  }
}
