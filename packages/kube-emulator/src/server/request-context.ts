import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UserInfo } from '../auth/index.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import type { VirtualCluster } from '../cluster/virtual-cluster.ts';
import type { ResourceType } from '../resources/types.ts';
import type { TokenAuthority } from './authentication.ts';
import type { OutputMode } from './negotiation.ts';

/** Process-wide services handlers need. */
export interface ServerServices {
  tokens: TokenAuthority;
  bookmarkIntervalMs: number;
  /** upper bound for watches without timeoutSeconds */
  maxWatchSeconds: number;
  caPem: string | undefined;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  cluster: VirtualCluster;
  user: UserInfo;
  output: OutputMode;
  warnings: string[];
  services: ServerServices;
}

export interface ResourceContext extends RequestContext {
  state: ClusterState;
  type: ResourceType;
  namespace: string;
  name: string | undefined;
  subresource: string | undefined;
  verb: string;
}

/** The field manager of a write: explicit, or derived from the User-Agent as the server does. */
export function fieldManagerOf(ctx: RequestContext): string {
  const explicit = ctx.query.get('fieldManager');
  if (explicit) return explicit;
  const agent = ctx.req.headers['user-agent'] ?? 'unknown';
  return agent.split('/')[0] || 'unknown';
}
