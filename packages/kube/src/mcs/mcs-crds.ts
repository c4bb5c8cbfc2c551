import { readFileSync } from 'node:fs';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parse } from 'yaml';

/** Group of the upstream Kubernetes Multi-Cluster Services API. */
export const MCS_GROUP = 'multicluster.x-k8s.io';

const files = [
  'multicluster.x-k8s.io_serviceexports.yaml',
  'multicluster.x-k8s.io_serviceimports.yaml',
];

let cached: KubernetesObject[] | undefined;

/**
 * The upstream MCS API CRDs (ServiceExport, ServiceImport; kubernetes-sigs/mcs-api v0.5.0,
 * Apache-2.0), installed by Trellis into workload clusters that lack them.
 */
export function mcsCrds(): KubernetesObject[] {
  cached ??= files.map(
    (file) =>
      parse(readFileSync(new URL(`./crds/${file}`, import.meta.url), 'utf8')) as KubernetesObject,
  );
  return cached;
}

export const ServiceExports = {
  group: MCS_GROUP,
  version: 'v1alpha1',
  plural: 'serviceexports',
  kind: 'ServiceExport',
  namespaced: true,
} as const;

export const ServiceImports = {
  group: MCS_GROUP,
  version: 'v1alpha1',
  plural: 'serviceimports',
  kind: 'ServiceImport',
  namespaced: true,
} as const;
