// Typed views of the rendered objects the tests look into.
import type { Manifest } from './helm.ts';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  env?: EnvVar[];
  ports?: { name: string; containerPort: number }[];
  securityContext?: Record<string, unknown>;
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: Record<string, unknown>;
}

export interface PodSpec {
  serviceAccountName?: string;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  initContainers?: Container[];
  volumes?: {
    name: string;
    secret?: { secretName: string; items?: { key: string; path: string }[] };
  }[];
}

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
}

export function podSpec(deployment: Manifest): PodSpec {
  const spec = deployment.spec as { template: { spec: PodSpec } };
  return spec.template.spec;
}

export function replicas(deployment: Manifest): number {
  return (deployment.spec as { replicas: number }).replicas;
}

export function rules(role: Manifest): PolicyRule[] {
  return (role as Manifest & { rules: PolicyRule[] }).rules;
}

/** Every (group, resource, verb) a role grants, as "group/resource:verb" strings, sorted. */
export function grants(role: Manifest): string[] {
  const out: string[] = [];
  for (const rule of rules(role)) {
    for (const group of rule.apiGroups ?? [])
      for (const resource of rule.resources ?? [])
        for (const verb of rule.verbs) {
          const names = rule.resourceNames ? `[${rule.resourceNames.join(',')}]` : '';
          out.push(`${group === '' ? 'core' : group}/${resource}${names}:${verb}`);
        }
  }
  return out.sort();
}

export function envOf(container: Container): Record<string, EnvVar> {
  return Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
}
