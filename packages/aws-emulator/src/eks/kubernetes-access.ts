// Maps a verified EKS token identity to the Kubernetes user and groups of a cluster's access
// entries — what EKS's authenticator does with access entries. The kube-emulator integration
// calls this after EmulatorEksTokenVerifier.verify.
import type { EksClusterStore } from './eks-cluster-store.ts';

export interface KubernetesUser {
  username: string;
  groups: string[];
  /** the access entry that matched */
  principalArn: string;
}

/** The kube-emulator's AccessEntry shape (packages/kube-emulator/src/auth). */
export interface KubeAccessEntry {
  principalArn: string;
  username: string;
  groups: string[];
}

export function resolveKubernetesUser(
  clusters: EksClusterStore,
  clusterName: string,
  identity: { arn: string; accountId: string; sessionName?: string; accessKeyId?: string },
): KubernetesUser | undefined {
  for (const cluster of clusters.findByName(clusterName)) {
    for (const entry of cluster.accessEntries.values()) {
      if (canonicalPrincipal(entry.principalArn) !== canonicalPrincipal(identity.arn)) continue;
      return {
        username: expandUsername(entry.username, identity),
        groups: [...entry.kubernetesGroups],
        principalArn: entry.principalArn,
      };
    }
  }
  return undefined;
}

/** Access entries of a cluster (by EKS or kube-emulator name) in the kube-emulator's shape. */
export function kubeAccessEntries(clusters: EksClusterStore, clusterName: string): KubeAccessEntry[] {
  return clusters.findByName(clusterName).flatMap((cluster) =>
    [...cluster.accessEntries.values()].map((entry) => ({
      principalArn: entry.principalArn,
      username: entry.username,
      groups: [...entry.kubernetesGroups],
    })),
  );
}

/** Role ARNs match without their path, as EKS canonicalises assumed-role identities. */
export function canonicalPrincipal(arn: string): string {
  const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return role ? `arn:aws:iam::${role[1]}:role/${role[2]}` : arn;
}

function expandUsername(template: string, identity: { accountId: string; sessionName?: string; accessKeyId?: string }): string {
  const session = identity.sessionName ?? '';
  return template
    .replace(/\{\{AccessKeyID\}\}/g, identity.accessKeyId ?? '')
    .replace(/\{\{SessionNameRaw\}\}/g, session)
    .replace(/\{\{SessionName\}\}/g, session.replace(/@/g, '-'))
    .replace(/\{\{AccountID\}\}/g, identity.accountId);
}
