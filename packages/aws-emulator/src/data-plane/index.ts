// Public surface of the VPC Lattice data plane: an HTTP proxy that routes by service DNS name,
// listener rules and target group weights to healthy targets, with active health checks and
// AWS_IAM auth policies. Start it next to an emulator:
//   const aws = await startAwsEmulator();
//   const dp = await startLatticeDataPlane({ view: aws.lattice.dataPlane, identity: aws.identity,
//     clock: aws.clock });
export { startLatticeDataPlane } from './data-plane-server.ts';
export type { LatticeDataPlane, LatticeDataPlaneOptions } from './data-plane-server.ts';
export { HealthChecker } from './health-checker.ts';
export type { HealthCheckOptions } from './health-checker.ts';
export { authPoliciesFromView } from './auth-policy-source.ts';
export type { AuthPolicySource } from './auth-policy-source.ts';
export { evaluateAuthPolicy, INVOKE_ACTION } from './auth-policy.ts';
export type { InvokeRequest, PolicyDecision } from './auth-policy.ts';
export { SIGNING_NAME } from './iam-auth.ts';
export { SOURCE_VPC_HEADER } from './forward-request.ts';
export {
  AccessDeniedError,
  DataPlaneError,
  NoHealthyTargetError,
  NoListenerError,
  SignatureRejectedError,
  UnknownHostError,
  UpstreamError,
} from './errors.ts';
export type { DataPlaneErrorReason } from './errors.ts';
export { InvalidHttpCodeMatcherError, parseHttpCodeMatcher } from './http-code-matcher.ts';
export { chooseTargetGroup } from './weighted-choice.ts';
