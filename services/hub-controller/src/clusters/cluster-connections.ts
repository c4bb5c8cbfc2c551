import type { KubeConfig } from '@kubernetes/client-node';
import { mintEksToken, type CredentialBroker, type RoleHop } from '@trellis/aws';
import {
  kubeConfigForTokenProvider,
  kubeConfigFromYaml,
  kubeRequest,
  ResourceClient,
} from '@trellis/kube';

export type ClusterAccess =
  | {
      kind: 'eks';
      server: string;
      caData: string;
      clusterName: string;
      region: string;
      chain: RoleHop[];
      /** STS host named in tokens (AWS's regional endpoint by default) */
      stsHost?: string;
    }
  | { kind: 'kubeconfig'; kubeconfig: string };

interface Connection {
  fingerprint: string;
  kubeConfig: KubeConfig;
  client: ResourceClient;
}

/**
 * One connection per workload cluster, rebuilt only when how we reach it changes. EKS
 * connections mint tokens from the broker's cached role credentials and reuse each token until
 * a minute before it expires.
 */
export class ClusterConnections {
  private readonly broker: CredentialBroker;
  private readonly connections = new Map<string, Connection>();
  private readonly now: () => Date;

  constructor(broker: CredentialBroker, now: () => Date = () => new Date()) {
    this.broker = broker;
    this.now = now;
  }

  connect(key: string, access: ClusterAccess): Connection {
    const fingerprint = JSON.stringify(access);
    const existing = this.connections.get(key);
    if (existing?.fingerprint === fingerprint) return existing;
    const kubeConfig =
      access.kind === 'kubeconfig'
        ? kubeConfigFromYaml(access.kubeconfig)
        : this.eksKubeConfig(key, access);
    const connection = { fingerprint, kubeConfig, client: new ResourceClient(kubeConfig) };
    this.connections.set(key, connection);
    return connection;
  }

  get(key: string): Connection | undefined {
    return this.connections.get(key);
  }

  forget(key: string): void {
    this.connections.delete(key);
  }

  /** The server's version if it answers, authenticated (a 401/403 is an error, not "reachable"). */
  async probe(connection: Connection): Promise<{ gitVersion: string }> {
    await kubeRequest(connection.kubeConfig, {
      method: 'GET',
      path: '/api/v1/namespaces/default',
      timeoutMs: 10_000,
    });
    return kubeRequest<{ gitVersion: string }>(connection.kubeConfig, {
      method: 'GET',
      path: '/version',
      timeoutMs: 10_000,
    });
  }

  private eksKubeConfig(key: string, access: Extract<ClusterAccess, { kind: 'eks' }>): KubeConfig {
    let token: { value: string; expiresAt: number } | undefined;
    return kubeConfigForTokenProvider({
      name: key.replace('/', '.'),
      server: access.server,
      caData: access.caData,
      tokenProvider: async () => {
        const now = this.now();
        if (token === undefined || token.expiresAt - 60_000 < now.getTime()) {
          const minted = await mintEksToken({
            credentials: await this.broker.credentialsFor(access.chain),
            region: access.region,
            clusterName: access.clusterName,
            now,
            ...(access.stsHost ? { stsHost: access.stsHost } : {}),
          });
          token = { value: minted.token, expiresAt: minted.expiresAt.getTime() };
        }
        return token.value;
      },
    });
  }
}
