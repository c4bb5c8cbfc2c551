// Authentication (static, service-account and EKS bearer tokens) and RBAC authorization for the
// emulated API server. Pure apart from the async EKS verifier.
export type {
  AccessEntry,
  Decision,
  EksCallerIdentity,
  EksTokenVerifier,
  RbacObjects,
  RequestAttributes,
  UserInfo,
} from './types.ts';
export {
  GROUP_AUTHENTICATED,
  GROUP_MASTERS,
  GROUP_SERVICE_ACCOUNTS,
  GROUP_UNAUTHENTICATED,
  USER_ANONYMOUS,
  anonymousUser,
  parseServiceAccountUsername,
  serviceAccountUsername,
  withAuthenticatedGroup,
} from './user-info.ts';
export { bearerTokenFromHeader } from './bearer-token.ts';
export {
  DEFAULT_SERVICE_ACCOUNT_ISSUER,
  DEFAULT_TOKEN_EXPIRATION_SECONDS,
  issueServiceAccountToken,
  readServiceAccountTokenClaims,
  serviceAccountUserInfo,
  verifyServiceAccountToken,
} from './service-account-tokens.ts';
export type {
  IssueServiceAccountTokenOptions,
  SecretKey,
  ServiceAccountTokenClaims,
  VerifyServiceAccountTokenOptions,
} from './service-account-tokens.ts';
export { EKS_TOKEN_PREFIX, authenticateEksToken, eksUserFor, findAccessEntry, isEksToken, renderEksTemplate } from './eks-authenticator.ts';
export type { EksAuthOptions } from './eks-authenticator.ts';
export { canonicalPrincipalArn, parseAwsPrincipalArn } from './aws-principal-arn.ts';
export type { AwsPrincipal } from './aws-principal-arn.ts';
export { authorize, ruleAllows, subjectAppliesTo, visitRulesFor } from './rbac.ts';
export type { RuleVisit } from './rbac.ts';
export type { PolicyRule, RoleRef, Subject } from './rbac-objects.ts';
export { rulesReviewFor } from './rules-review.ts';
export type { RulesReview } from './rules-review.ts';
export { aggregatedClusterRoleRules, defaultClusterRbac } from './default-cluster-rbac.ts';
export { forbiddenDetail, forbiddenMessage, forbiddenStatus, unauthorizedStatus } from './forbidden-message.ts';
export { impersonate } from './impersonation.ts';
export type { ImpersonationResult, RequestHeaders } from './impersonation.ts';
