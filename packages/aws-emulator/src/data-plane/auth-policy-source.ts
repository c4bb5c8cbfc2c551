// Where the data plane reads auth policies: by default the Lattice data-plane view; tests or a
// caller with another store can pass their own source.
import type { LatticeDataPlaneView } from '../lattice/index.ts';

export interface AuthPolicySource {
  /** The auth policy text attached to a service network or service ARN, if any. */
  authPolicy(resourceArn: string): Promise<string | undefined>;
}

export function authPoliciesFromView(
  view: Pick<LatticeDataPlaneView, 'authPolicyOf'>,
): AuthPolicySource {
  return { authPolicy: async (resourceArn) => view.authPolicyOf(resourceArn)?.policy };
}
