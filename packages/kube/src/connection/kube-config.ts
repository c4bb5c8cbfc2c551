import { KubeConfig, type User } from '@kubernetes/client-node';
import type https from 'node:https';

/** A source of bearer tokens that refreshes them itself (e.g. EKS tokens from an assumed role). */
export type BearerTokenProvider = () => Promise<string>;

export interface TokenClusterAccess {
  /** a name for logs and the KubeConfig's entries (the workload cluster's name) */
  name: string;
  server: string;
  /** base64 of the PEM CA bundle, as EKS DescribeCluster returns it */
  caData?: string;
  tokenProvider: BearerTokenProvider;
}

const TOKEN_USER_PREFIX = 'trellis-token:';

/**
 * Puts a fresh token on every request and every watch reconnect, so long-lived informers keep
 * working across 15-minute EKS token lifetimes without rebuilding clients.
 */
class ProviderAuthenticator {
  private readonly userName: string;
  private readonly provider: BearerTokenProvider;

  constructor(userName: string, provider: BearerTokenProvider) {
    this.userName = userName;
    this.provider = provider;
  }

  isAuthProvider(user: User): boolean {
    return user.name === this.userName;
  }

  async applyAuthentication(_user: User, opts: https.RequestOptions): Promise<void> {
    const token = await this.provider();
    opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
  }
}

/** A KubeConfig for a cluster reached with provider-minted bearer tokens. */
export function kubeConfigForTokenProvider(access: TokenClusterAccess): KubeConfig {
  const kc = new KubeConfig();
  const userName = `${TOKEN_USER_PREFIX}${access.name}`;
  kc.loadFromOptions({
    clusters: [
      {
        name: access.name,
        server: access.server,
        ...(access.caData !== undefined ? { caData: access.caData } : {}),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: userName }],
    contexts: [{ name: access.name, cluster: access.name, user: userName }],
    currentContext: access.name,
  });
  kc.addAuthenticator(new ProviderAuthenticator(userName, access.tokenProvider));
  return kc;
}

/** Raised when a kubeconfig cannot be used; never includes the kubeconfig's secrets. */
export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

/** A KubeConfig from kubeconfig YAML (e.g. a Secret's data), optionally pinned to a context. */
export function kubeConfigFromYaml(yaml: string, context?: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(yaml);
  } catch (error) {
    // client-node's parse errors can quote the input; keep only the first line of the reason.
    const reason = String((error as Error).message ?? error).split('\n')[0] ?? 'unreadable';
    throw new KubeconfigError(`the kubeconfig is not valid: ${reason.slice(0, 200)}`);
  }
  if (context !== undefined) {
    if (kc.getContextObject(context) === null) {
      throw new KubeconfigError(`the kubeconfig has no context named "${context}"`);
    }
    kc.setCurrentContext(context);
  }
  if (kc.getCurrentCluster() === null) {
    throw new KubeconfigError('the kubeconfig has no current context with a cluster');
  }
  return kc;
}
