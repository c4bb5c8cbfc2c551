// The VPC Lattice control plane as a ServiceModule (signing name vpc-lattice, restJson1).
// It also resolves service network and service ARNs for RAM, and hands the data plane a
// read-only view of its state.
import type {
  AccountDirectory,
  AwsRequest,
  AwsResponse,
  Clock,
  ServiceModule,
  ShareableResource,
  ShareableResourceResolver,
  ShareVisibility,
} from '../core/contracts.ts';
import { AwsError } from '../core/contracts.ts';
import type { OperationContext } from './context.ts';
import { createDataPlaneView } from './data-plane-view.ts';
import type { LatticeDataPlaneView } from './data-plane-view.ts';
import { ClientTokens } from './idempotency.ts';
import { parseArn } from './ids.ts';
import { accessLogRoutes } from './operations/access-logs.ts';
import { listenerRoutes } from './operations/listeners.ts';
import { policyRoutes } from './operations/policies.ts';
import { ruleRoutes } from './operations/rules.ts';
import { serviceAssociationRoutes } from './operations/service-associations.ts';
import { serviceNetworkRoutes } from './operations/service-networks.ts';
import { serviceRoutes } from './operations/services.ts';
import { tagRoutes } from './operations/tags.ts';
import { targetGroupRoutes } from './operations/target-groups.ts';
import { targetRoutes } from './operations/targets.ts';
import { vpcAssociationRoutes } from './operations/vpc-associations.ts';
import { DEFAULT_QUOTAS } from './quotas.ts';
import type { LatticeQuotas } from './quotas.ts';
import { LatticeRouter } from './router.ts';
import { LatticeState } from './state.ts';
import { parseJsonBody } from './validate.ts';

export interface LatticeServiceDeps {
  accounts: AccountDirectory;
  clock: Clock;
  /** RAM's view of shares; without it nothing is shared across accounts */
  shares?: ShareVisibility;
  /**
   * How long an asynchronous change of `operation` takes (ms): association create/delete,
   * service/target group creation, target draining. `accountId` is the caller's, so fault rules
   * can target one account. Defaults: DEFAULT_DELAYS_MS.
   */
  consistencyDelayMs?: (operation: string, accountId?: string) => number;
  quotas?: Partial<LatticeQuotas>;
  /**
   * Status of a health-checked target the data plane has not reported on yet. 'INITIAL' (default)
   * is AWS's; 'HEALTHY' suits setups that run no health checker (no data plane).
   */
  initialTargetHealth?: 'INITIAL' | 'HEALTHY';
}

/**
 * Defaults when no consistencyDelayMs is given: associations take a moment to settle, as in AWS
 * (where they take seconds to minutes); everything else completes at once.
 */
export const DEFAULT_DELAYS_MS: Readonly<Record<string, number>> = {
  CreateServiceNetworkServiceAssociation: 1500,
  CreateServiceNetworkVpcAssociation: 1500,
  DeleteServiceNetworkServiceAssociation: 1000,
  DeleteServiceNetworkVpcAssociation: 1000,
};

export interface LatticeService extends ServiceModule, ShareableResourceResolver {
  readonly signingName: 'vpc-lattice';
  readonly protocol: 'restJson1';
  /** read-only accessors for the data plane, plus setTargetHealth */
  readonly dataPlane: LatticeDataPlaneView;
}

const ROUTES = [
  ...serviceNetworkRoutes,
  ...serviceRoutes,
  ...listenerRoutes,
  ...ruleRoutes,
  ...targetGroupRoutes,
  ...targetRoutes,
  ...serviceAssociationRoutes,
  ...vpcAssociationRoutes,
  ...policyRoutes,
  ...accessLogRoutes,
  ...tagRoutes,
];

/** Every operation the module answers (docs/aws-emulator.md's conformance table is checked against it). */
export const LATTICE_OPERATIONS: readonly string[] = ROUTES.map((route) => route.operation);

export function createLatticeService(deps: LatticeServiceDeps): LatticeService {
  const state = new LatticeState();
  state.initialTargetHealth = deps.initialTargetHealth ?? 'INITIAL';
  const router = new LatticeRouter(ROUTES);
  const clientTokens = new ClientTokens();
  const quotas: LatticeQuotas = { ...DEFAULT_QUOTAS, ...deps.quotas };
  const delayMs = (operation: string, accountId: string): number =>
    Math.max(
      0,
      deps.consistencyDelayMs?.(operation, accountId) ?? DEFAULT_DELAYS_MS[operation] ?? 0,
    );

  function handle(request: AwsRequest): Promise<AwsResponse> {
    return Promise.resolve(handleSync(request));
  }

  function handleSync(request: AwsRequest): AwsResponse {
    let operation: string | undefined;
    let mutating = false;
    try {
      const { route, labels } = router.match(request.method, request.path);
      operation = route.operation;
      mutating = route.mutating;
      request.setOperation?.(operation, { mutating });
      const now = deps.clock.now();
      state.settle(now);
      const ctx: OperationContext = {
        state,
        caller: request.caller,
        scope: { accountId: request.caller.accountId, region: request.region },
        now,
        accounts: deps.accounts,
        shares: deps.shares,
        quotas,
        clientTokens,
        delayMs: (op) => delayMs(op, request.caller.accountId),
        labels,
        query: request.query,
        body: route.method === 'GET' ? {} : parseJsonBody(request.body),
      };
      const result = route.handler(ctx);
      return withOperation(success(route.status, result, request.requestId), operation, mutating);
    } catch (error) {
      const awsError =
        error instanceof AwsError
          ? error
          : new AwsError(
              'InternalServerException',
              error instanceof Error ? error.message : String(error),
              500,
            );
      return withOperation(renderError(awsError, request.requestId), operation, mutating);
    } finally {
      // in-place updates (UpdateRule, UpdateListener, …) change no map: the call itself counts,
      // even when it failed after changing something
      if (mutating) state.touch();
    }
  }

  return {
    signingName: 'vpc-lattice',
    protocol: 'restJson1',
    handle,
    resolve(arn: string): ShareableResource | undefined {
      const parts = parseArn(arn);
      if (!parts) return undefined;
      if (parts.kind === 'servicenetwork' && state.serviceNetworks.has(arn)) {
        return {
          arn,
          ownerAccountId: parts.accountId,
          resourceType: 'vpc-lattice:ServiceNetwork',
          region: parts.region,
        };
      }
      if (parts.kind === 'service' && state.services.has(arn)) {
        return {
          arn,
          ownerAccountId: parts.accountId,
          resourceType: 'vpc-lattice:Service',
          region: parts.region,
        };
      }
      return undefined;
    },
    dataPlane: createDataPlaneView(state, deps.clock),
  };
}

function withOperation(
  response: AwsResponse,
  operation: string | undefined,
  mutating: boolean,
): AwsResponse {
  return operation === undefined ? response : { ...response, operation, mutating };
}

function success(status: number, body: unknown, requestId: string): AwsResponse {
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
  if (status === 204) return { status, headers };
  headers['content-type'] = 'application/json';
  return { status, headers, body: JSON.stringify(body ?? {}) };
}

/** restJson1 error: the shape name in x-amzn-errortype, members in the JSON body (Retry-After as a header). */
export function renderError(error: AwsError, requestId: string): AwsResponse {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': requestId,
  };
  const body: Record<string, unknown> = { message: error.message };
  for (const [key, value] of Object.entries(error.fields)) {
    if (key === 'retryAfterSeconds') headers['retry-after'] = String(value);
    else body[key] = value;
  }
  return { status: error.status, headers, body: JSON.stringify(body) };
}
