export {
  CredentialBroker,
  type CredentialBrokerOptions,
  type RoleHop,
} from './credential-broker.ts';
export { mintEksToken, type EksToken, type MintEksTokenOptions } from './eks-token.ts';
export { AssumeRoleError } from './errors.ts';
