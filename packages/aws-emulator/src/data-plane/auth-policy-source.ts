// Where the data plane reads auth policies. The Lattice data-plane view does not expose them, so
// the default source asks the Lattice module itself for GetAuthPolicy, in process, as the
// resource's owner (only owners may read auth policies). Nothing goes over the wire and nothing
// reaches the call log.
import { randomUUID } from 'node:crypto';
import type { AwsRequest, AwsResponse } from '../core/contracts.ts';

export interface AuthPolicySource {
  /** The auth policy text attached to a service network or service ARN, if any. */
  authPolicy(resourceArn: string): Promise<string | undefined>;
}

export interface LatticeModuleLike {
  handle(request: AwsRequest): Promise<AwsResponse>;
}

export function authPoliciesFromLattice(lattice: LatticeModuleLike): AuthPolicySource {
  return {
    async authPolicy(resourceArn) {
      const [, , , region = '', accountId = ''] = resourceArn.split(':');
      const response = await lattice.handle({
        service: 'vpc-lattice',
        region,
        method: 'GET',
        path: `/authpolicy/${encodeURIComponent(resourceArn)}`,
        query: new URLSearchParams(),
        headers: {},
        body: Buffer.alloc(0),
        caller: {
          accountId,
          arn: `arn:aws:iam::${accountId}:root`,
          userId: accountId,
          accessKeyId: 'lattice-data-plane',
          kind: 'root',
        },
        requestId: randomUUID(),
      });
      if (response.status !== 200 || response.body === undefined) return undefined;
      const parsed = JSON.parse(String(response.body)) as { policy?: unknown };
      return typeof parsed.policy === 'string' ? parsed.policy : undefined;
    },
  };
}
