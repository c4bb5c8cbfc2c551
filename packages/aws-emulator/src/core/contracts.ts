// CONTRACT shared by the aws-emulator's service modules. The core helper owns this file and may
// extend it; service modules (lattice/, ram/, sts/, eks/) code against it.

/** Who signed the request, after SigV4 verification and credential lookup. */
export interface Caller {
  accountId: string;
  /** arn:aws:iam::<acct>:root | arn:aws:iam::<acct>:user/<name> | arn:aws:sts::<acct>:assumed-role/<role>/<session> */
  arn: string;
  /** AIDA…/AROA…:<session>, as GetCallerIdentity returns it */
  userId: string;
  accessKeyId: string;
  kind: 'root' | 'user' | 'assumed-role';
  /** for assumed roles: the role's ARN (arn:aws:iam::<acct>:role/<path><name>) */
  roleArn?: string;
  /** for assumed roles: true when these credentials came from an AssumeRole called with role credentials */
  chained?: boolean;
}

/** One request as a service module sees it: already authenticated, body buffered. */
export interface AwsRequest {
  /** the SigV4 signing name: 'sts' | 'vpc-lattice' | 'ram' | 'eks' */
  service: string;
  region: string;
  method: string;
  /** URL path, percent-decoded per segment is the module's job: this is the raw path */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  caller: Caller;
  requestId: string;
  /**
   * Report the operation the module matched (restJson1 services route on method + path, so only
   * the module knows it) and whether it changes state. Feeds the call log and per-operation
   * faults. Optional so hand-built requests in unit tests need not provide it.
   */
  setOperation?(name: string, options?: { mutating?: boolean }): void;
}

export interface AwsResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Alternative to request.setOperation: the operation this response answers. */
  operation?: string;
  /** Alternative to request.setOperation: whether the operation changed state. */
  mutating?: boolean;
}

/** Wire protocol of a service: decides how the server renders errors it raises itself. */
export type AwsProtocol = 'awsQuery' | 'restJson1';

/**
 * A modelled AWS error. `code` is the shape name (ValidationException, ConflictException,
 * ResourceNotFoundException, AccessDeniedException, ThrottlingException, InternalServerException,
 * ServiceQuotaExceededException, AccessDenied for STS, …). `fields` are extra members of the error
 * shape (fieldList, resourceId, resourceType, retryAfterSeconds, quotaCode, serviceCode, …).
 * Each protocol (restJson1, awsQuery) serialises it the way the SDK expects.
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: Record<string, unknown>;
  /** awsQuery only: Sender | Receiver */
  readonly faultType: 'Sender' | 'Receiver';

  constructor(
    code: string,
    message: string,
    status: number,
    fields: Record<string, unknown> = {},
    faultType: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fields = fields;
    this.faultType = faultType;
  }
}

/** A service module: one per signing name. */
export interface ServiceModule {
  readonly signingName: string;
  /** defaults to 'restJson1' (awsQuery for 'sts') */
  readonly protocol?: AwsProtocol;
  /**
   * Thrown AwsErrors are rendered by the server in the module's protocol, so a module may throw
   * instead of rendering errors itself.
   */
  handle(request: AwsRequest): Promise<AwsResponse>;
}

/**
 * Fault hooks a module may consult, e.g. to make a freshly created resource invisible to reads
 * for a while (eventual consistency). Everything else (throttling, 5xx, latency) the server
 * applies before the module runs.
 */
export interface FaultHooks {
  /** How long (ms) writes of this service/operation take to become visible; 0 = immediately. */
  consistencyDelayMs(service: string, operation: string, accountId?: string): number;
}

/**
 * Cross-service lookups, so RAM can share Lattice resources and Lattice can honour shares,
 * without either importing the other's internals.
 */
export interface ShareableResource {
  arn: string;
  ownerAccountId: string;
  /** RAM resource type, e.g. 'vpc-lattice:ServiceNetwork' | 'vpc-lattice:Service' */
  resourceType: string;
  region: string;
}

export interface ShareableResourceResolver {
  /** The resource behind an ARN, or undefined when it does not exist. */
  resolve(arn: string): ShareableResource | undefined;
}

export interface ShareVisibility {
  /** True when `resourceArn` is shared with `accountId` through an active (accepted or org) share. */
  isSharedWith(resourceArn: string, accountId: string): boolean;
}

/** Accounts and VPCs the emulator knows about (from the seed, or implicit). */
export interface AccountDirectory {
  /** true for known accounts, and for any 12-digit account when running without a seed */
  accountExists(accountId: string): boolean;
  /** the account that owns the VPC, or undefined if unknown */
  vpcOwner(vpcId: string, callerAccountId: string): string | undefined;
  /** organisation id of the account, if it is in an organisation */
  organizationOf(accountId: string): string | undefined;
  /** whether RAM sharing within the organisation is enabled (no invitations then) */
  organizationSharingEnabled(organizationId: string): boolean;
  /** ids of the organisational units that contain the account (OUs are flat here); [] if none */
  organizationalUnitsOf(accountId: string): string[];
  /** the organisation's management account, undefined for an unknown organisation */
  managementAccountOf(organizationId: string): string | undefined;
}

/** Injectable time, so tests can move it. */
export interface Clock {
  now(): Date;
}
