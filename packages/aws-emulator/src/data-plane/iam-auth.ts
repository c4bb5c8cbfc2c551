// AWS_IAM on the data plane: who sent the request (SigV4 with the signing name
// `vpc-lattice-svcs`, verified against the emulator's credential store, or the anonymous
// principal when unsigned) and whether the auth policies let them invoke the service. The
// service network's policy is checked first, then the service's; each resource whose authType is
// AWS_IAM must allow (no policy attached means denied, as DeleteAuthPolicy's reference says).
// Identity-based policies of the caller are not modelled: they count as allowing.
import type { Caller, Clock } from '../core/contracts.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import type { LatticeServiceNetworkView, LatticeServiceView } from '../lattice/index.ts';
import { signatureFailureError } from '../server/error-response.ts';
import { authenticate } from '../sigv4/authenticate.ts';
import { hasSignature } from '../sigv4/parse-signature.ts';
import { parseRawQuery, queryMap } from '../sigv4/raw-query.ts';
import { SignatureFailure } from '../sigv4/signature-errors.ts';
import type { AuthPolicySource } from './auth-policy-source.ts';
import type { PolicyDecision } from './auth-policy.ts';
import { evaluateAuthPolicy, INVOKE_ACTION } from './auth-policy.ts';
import { AccessDeniedError, SignatureRejectedError } from './errors.ts';

export const SIGNING_NAME = 'vpc-lattice-svcs';

export interface InvokeAttempt {
  service: LatticeServiceView;
  method: string;
  /** raw path, still percent-encoded */
  path: string;
  /** raw query string without '?' */
  rawQuery: string;
  /** lower-cased names */
  headers: Record<string, string>;
  /** the body, when the signature covers it; empty otherwise */
  body: Buffer;
  listenerPort: number;
  listenerProtocol: string;
  sourceVpc?: { id: string; ownerAccountId?: string };
  /** the network the request comes through, when the source VPC is known */
  serviceNetwork?: LatticeServiceNetworkView;
}

export interface Authorized {
  /** undefined for anonymous callers and for services without AWS_IAM */
  caller?: Caller;
  principalOrgId?: string;
}

export interface IamAuthDeps {
  identity?: IdentityStore;
  clock: Clock;
  policies: AuthPolicySource;
}

/**
 * True when the service, or the network the request comes through, uses AWS_IAM. Without a known
 * network every network of the service counts (the proxy cannot tell which one a caller uses).
 */
export function requiresIamAuth(
  service: LatticeServiceView,
  through?: LatticeServiceNetworkView,
): boolean {
  return (
    service.authType === 'AWS_IAM' ||
    networksOf(service, through).some((n) => n.authType === 'AWS_IAM')
  );
}

function networksOf(
  service: LatticeServiceView,
  through: LatticeServiceNetworkView | undefined,
): LatticeServiceNetworkView[] {
  return through ? [through] : service.serviceNetworks;
}

/** Throws SignatureRejectedError or AccessDeniedError; returns who the caller is otherwise. */
export async function authorizeInvoke(
  attempt: InvokeAttempt,
  deps: IamAuthDeps,
): Promise<Authorized> {
  if (!requiresIamAuth(attempt.service, attempt.serviceNetwork)) return {};
  const caller = await authenticateCaller(attempt, deps);
  const principalOrgId = caller ? deps.identity?.organizationOf(caller.accountId) : undefined;
  const resource = `${attempt.service.arn}${attempt.path}`;
  const networks = networksOf(attempt.service, attempt.serviceNetwork);
  const baseContext = conditionContext(attempt, caller, principalOrgId);
  const who = caller?.arn ?? 'anonymous';
  const deny = (decision: PolicyDecision, kind: 'network' | 'service'): AccessDeniedError =>
    new AccessDeniedError(
      'access-denied',
      `User: ${who} is not authorized to perform: ${INVOKE_ACTION} on resource: ${resource} ` +
        (decision === 'explicit-deny'
          ? `with an explicit deny in a ${kind}-based policy`
          : `because no ${kind}-based policy allows the ${INVOKE_ACTION} action`),
    );
  for (const network of networks) {
    if (network.authType !== 'AWS_IAM') continue;
    const decision = await decide(deps.policies, network.arn, resource, caller, {
      ...baseContext,
      'vpc-lattice-svcs:servicenetworkarn': network.arn,
    });
    if (decision !== 'allow') throw deny(decision, 'network');
  }
  if (attempt.service.authType === 'AWS_IAM') {
    const decision = await decide(deps.policies, attempt.service.arn, resource, caller, {
      ...baseContext,
      // Without a source VPC, several networks cannot be told apart (see the doc's differences).
      'vpc-lattice-svcs:servicenetworkarn': networks.length === 1 ? networks[0]?.arn : undefined,
    });
    if (decision !== 'allow') throw deny(decision, 'service');
  }
  return caller ? { caller, ...(principalOrgId ? { principalOrgId } : {}) } : {};
}

async function decide(
  policies: AuthPolicySource,
  resourceArn: string,
  resource: string,
  caller: Caller | undefined,
  context: Record<string, string | undefined>,
): Promise<PolicyDecision> {
  const policy = await policies.authPolicy(resourceArn);
  if (policy === undefined) return 'implicit-deny';
  return evaluateAuthPolicy(policy, { caller, resource, context });
}

async function authenticateCaller(
  attempt: InvokeAttempt,
  deps: IamAuthDeps,
): Promise<Caller | undefined> {
  const query = parseRawQuery(attempt.rawQuery);
  if (!hasSignature(attempt.headers, queryMap(query))) return undefined;
  if (!deps.identity) {
    throw new SignatureRejectedError(
      403,
      'UnrecognizedClientException',
      'The data plane was started without a credential store.',
    );
  }
  try {
    const { caller, params } = await authenticate(
      {
        method: attempt.method,
        path: attempt.path,
        query,
        headers: attempt.headers,
        body: attempt.body,
      },
      deps.identity,
      deps.clock,
    );
    if (params.service !== SIGNING_NAME) {
      throw new SignatureRejectedError(
        403,
        'InvalidSignatureException',
        `Credential should be scoped to correct service: '${SIGNING_NAME}'.`,
      );
    }
    if (params.region !== attempt.service.region) {
      throw new SignatureRejectedError(
        403,
        'InvalidSignatureException',
        `Credential should be scoped to a valid region, not '${params.region}'.`,
      );
    }
    return caller;
  } catch (error) {
    if (error instanceof SignatureFailure) {
      const mapped = signatureFailureError(error, 'restJson1');
      throw new SignatureRejectedError(mapped.status, mapped.code, mapped.message);
    }
    throw error;
  }
}

function principalType(caller: Caller | undefined): string {
  if (!caller) return 'Anonymous';
  if (caller.kind === 'root') return 'Account';
  return caller.kind === 'user' ? 'User' : 'AssumedRole';
}

function conditionContext(
  attempt: InvokeAttempt,
  caller: Caller | undefined,
  principalOrgId: string | undefined,
): Record<string, string | undefined> {
  const context: Record<string, string | undefined> = {
    'aws:principaltype': principalType(caller),
    'aws:principalarn': caller ? (caller.roleArn ?? caller.arn) : undefined,
    'aws:principalaccount': caller?.accountId,
    'aws:principalorgid': principalOrgId,
    'aws:userid': caller?.userId,
    'aws:securetransport': attempt.listenerProtocol === 'HTTPS' ? 'true' : 'false',
    'vpc-lattice-svcs:servicearn': attempt.service.arn,
    'vpc-lattice-svcs:port': String(attempt.listenerPort),
    'vpc-lattice-svcs:requestmethod': attempt.method,
    'vpc-lattice-svcs:sourcevpc': attempt.sourceVpc?.id,
    'vpc-lattice-svcs:sourcevpcowneraccount': attempt.sourceVpc?.ownerAccountId,
  };
  for (const [name, value] of Object.entries(attempt.headers)) {
    context[`vpc-lattice-svcs:requestheader/${name}`] = value;
  }
  for (const [key, value] of parseRawQuery(attempt.rawQuery)) {
    context[`vpc-lattice-svcs:requestquerystring/${key.toLowerCase()}`] ??= value;
  }
  return context;
}
