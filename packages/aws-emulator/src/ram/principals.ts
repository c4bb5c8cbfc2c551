// Who a resource share can name as a principal, and which accounts each principal covers.
// Trellis shares Lattice resources, which RAM shares with accounts, organisations and OUs but not
// with individual IAM roles or users, so those are refused.
import type { AccountDirectory } from '../core/contracts.ts';
import {
  InvalidParameterException,
  MalformedArnException,
  UnknownResourceException,
} from './ram-errors.ts';

export type Principal =
  | { kind: 'account'; id: string; accountId: string }
  | { kind: 'organization'; id: string; organizationId: string; managementAccountId: string }
  | {
      kind: 'organizational-unit';
      id: string;
      organizationId: string;
      managementAccountId: string;
      ouId: string;
    };

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ARN =
  /^arn:aws[a-z-]*:organizations::(\d{12}):organization\/(o-[a-z0-9]{10,32})$/;
const OU_ARN =
  /^arn:aws[a-z-]*:organizations::(\d{12}):ou\/(o-[a-z0-9]{10,32})\/(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$/;
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/;

/** Parses a principal as CreateResourceShare/AssociateResourceShare accept it. */
export function parsePrincipal(value: string): Principal {
  if (ACCOUNT_ID.test(value)) return { kind: 'account', id: value, accountId: value };
  const org = ORGANIZATION_ARN.exec(value);
  if (org?.[1] && org[2])
    return { kind: 'organization', id: value, organizationId: org[2], managementAccountId: org[1] };
  const ou = OU_ARN.exec(value);
  if (ou?.[1] && ou[2] && ou[3]) {
    return {
      kind: 'organizational-unit',
      id: value,
      organizationId: ou[2],
      managementAccountId: ou[1],
      ouId: ou[3],
    };
  }
  if (IAM_PRINCIPAL_ARN.test(value)) {
    throw new InvalidParameterException(
      `Principal ${value} is an IAM role or user; the resource types in this share can only be shared with AWS accounts, organizations and organizational units.`,
    );
  }
  if (value.startsWith('arn:'))
    throw new MalformedArnException(`The specified principal ARN ${value} is not valid.`);
  throw new InvalidParameterException(
    `Principal ${value} is not valid: specify a 12-digit AWS account ID, or the ARN of an organization or organizational unit.`,
  );
}

/**
 * Checks that an organisation/OU principal belongs to the owner's own organisation, named with its
 * management account (organisation ARNs carry it): AWS answers "Organization o-… could not be
 * found." / "OrganizationalUnit ou-… could not be found." otherwise.
 */
export function requireOwnOrganization(
  principal: Principal,
  ownerOrganizationId: string | undefined,
  accounts: AccountDirectory,
): void {
  if (principal.kind === 'account') return;
  if (
    principal.organizationId === ownerOrganizationId &&
    accounts.managementAccountOf(principal.organizationId) === principal.managementAccountId
  )
    return;
  if (principal.kind === 'organizational-unit') {
    throw new UnknownResourceException(`OrganizationalUnit ${principal.ouId} could not be found.`);
  }
  throw new UnknownResourceException(
    `Organization ${principal.organizationId} could not be found.`,
  );
}

/**
 * Whether `principal` includes `accountId`: the account itself, every account of the
 * organisation, or the accounts the directory places in the OU.
 */
export function principalCovers(
  principal: Principal,
  accountId: string,
  accounts: AccountDirectory,
): boolean {
  if (principal.kind === 'account') return principal.accountId === accountId;
  if (accounts.organizationOf(accountId) !== principal.organizationId) return false;
  return (
    principal.kind === 'organization' ||
    accounts.organizationalUnitsOf(accountId).includes(principal.ouId)
  );
}
