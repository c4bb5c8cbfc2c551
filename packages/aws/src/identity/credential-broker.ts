import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AssumeRoleError } from './errors.ts';

/** One hop of an identity chain. */
export interface RoleHop {
  roleArn: string;
  externalId?: string;
}

export interface CredentialBrokerOptions {
  /** the hub's own identity (default provider chain in production) */
  baseCredentials: AwsCredentialIdentityProvider;
  region: string;
  /** STS endpoint override (the emulator); AWS's regional endpoint when unset */
  stsEndpoint?: string;
  /** RoleSessionName on every AssumeRole, visible in the tenant's CloudTrail */
  sessionName?: string;
  /** refresh credentials this long before they expire (default 5 minutes) */
  refreshBeforeMs?: number;
  /** requested session length for the first hop; chained hops are capped at 1 hour by AWS */
  durationSeconds?: number;
  now?: () => number;
}

interface CacheEntry {
  promise: Promise<AwsCredentialIdentity>;
  /** set once resolved */
  expiresAt?: number;
}

const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalFailure',
  'IDPCommunicationError',
]);

/**
 * Assumes role chains for the hub: hub identity → (intermediate roles) → tenant role. Credentials
 * are cached per chain and refreshed before they expire; concurrent callers for the same chain
 * share one AssumeRole call per hop; failures name the role and AWS's error.
 */
export class CredentialBroker {
  private readonly options: CredentialBrokerOptions;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly now: () => number;

  constructor(options: CredentialBrokerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** Credentials for the last role of `chain` (an empty chain is the hub's own identity). */
  async credentialsFor(chain: readonly RoleHop[]): Promise<AwsCredentialIdentity> {
    if (chain.length === 0) return this.options.baseCredentials();
    const key = JSON.stringify(chain.map((hop) => [hop.roleArn, hop.externalId ?? '']));
    const cached = this.cache.get(key);
    const refreshBefore = this.options.refreshBeforeMs ?? 5 * 60_000;
    if (cached !== undefined) {
      if (cached.expiresAt === undefined) return cached.promise; // in flight: share it
      if (cached.expiresAt - refreshBefore > this.now()) return cached.promise;
    }
    const promise = this.assumeChain(chain);
    const entry: CacheEntry = { promise };
    this.cache.set(key, entry);
    try {
      const credentials = await promise;
      entry.expiresAt = credentials.expiration?.getTime() ?? this.now() + 15 * 60_000;
      return credentials;
    } catch (error) {
      if (this.cache.get(key) === entry) this.cache.delete(key);
      throw error;
    }
  }

  /** An SDK credential provider for a chain, for building clients in the tenant's account. */
  provider(chain: readonly RoleHop[]): AwsCredentialIdentityProvider {
    return () => this.credentialsFor(chain);
  }

  /** Forget cached credentials (e.g. after a trust policy change or a revoked session). */
  invalidate(): void {
    this.cache.clear();
  }

  private async assumeChain(chain: readonly RoleHop[]): Promise<AwsCredentialIdentity> {
    // Each hop reuses the cached credentials of the chain's prefix.
    const previous = chain.length > 1 ? await this.credentialsFor(chain.slice(0, -1)) : undefined;
    const hop = chain[chain.length - 1];
    const sts = new STSClient({
      region: this.options.region,
      credentials: previous ?? this.options.baseCredentials,
      ...(this.options.stsEndpoint ? { endpoint: this.options.stsEndpoint } : {}),
    });
    const chained = chain.length > 1;
    const duration = Math.min(this.options.durationSeconds ?? 3600, chained ? 3600 : 43_200);
    try {
      const response = await sts.send(
        new AssumeRoleCommand({
          RoleArn: hop.roleArn,
          RoleSessionName: this.options.sessionName ?? 'trellis-hub',
          DurationSeconds: duration,
          ...(hop.externalId !== undefined ? { ExternalId: hop.externalId } : {}),
        }),
      );
      const credentials = response.Credentials;
      if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined) {
        throw new AssumeRoleError(
          hop.roleArn,
          chain.length - 1,
          'InvalidResponse',
          'no credentials in the response',
          true,
        );
      }
      return {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        ...(credentials.SessionToken !== undefined
          ? { sessionToken: credentials.SessionToken }
          : {}),
        ...(credentials.Expiration !== undefined ? { expiration: credentials.Expiration } : {}),
      };
    } catch (error) {
      if (error instanceof AssumeRoleError) throw error;
      const code = (error as { name?: string }).name ?? 'UnknownError';
      const message = (error as Error).message ?? String(error);
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
        ?.httpStatusCode;
      const retryable = RETRYABLE_CODES.has(code) || status === undefined || status >= 500;
      throw new AssumeRoleError(hop.roleArn, chain.length - 1, code, message, retryable);
    } finally {
      sts.destroy();
    }
  }
}
