// Syntax of the AWS identifiers users give Trellis, checked before anything reaches AWS so a typo
// is a 400 with the field named, not an opaque AccessDenied minutes later.

export const ACCOUNT_ID = /^\d{12}$/;
/** IAM role ARN, any partition, optional path: arn:aws:iam::123456789012:role/path/name */
export const ROLE_ARN =
  /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/((?:[\x21-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
/** sts:ExternalId: 2-1224 characters of [\w+=,.@:/-] */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** Commercial and gov/cn/iso partitions' region names, e.g. us-west-2, us-gov-west-1, cn-north-1. */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
export const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** EKS cluster names: 1-100 chars, start alphanumeric, then alphanumerics, - and _. */
export const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;

export interface ParsedRoleArn {
  partition: string;
  accountId: string;
  path: string;
  roleName: string;
}

export function parseRoleArn(arn: string): ParsedRoleArn | undefined {
  const match = ROLE_ARN.exec(arn);
  if (match === null) return undefined;
  const partition = arn.split(':')[1] ?? 'aws';
  return {
    partition,
    accountId: match[2] ?? '',
    path: `/${match[3] ?? ''}`,
    roleName: match[4] ?? '',
  };
}

export interface IdentifierProblem {
  field: string;
  message: string;
}

/** Check an account id / role ARN pair; the role must live in the account it claims. */
export function checkRoleInAccount(
  fieldPrefix: string,
  accountId: string,
  roleArn: string,
): IdentifierProblem[] {
  const problems: IdentifierProblem[] = [];
  if (!ACCOUNT_ID.test(accountId)) {
    problems.push({
      field: `${fieldPrefix}.accountId`,
      message: 'must be a 12-digit AWS account id',
    });
  }
  const role = parseRoleArn(roleArn);
  if (role === undefined) {
    problems.push({
      field: `${fieldPrefix}.roleArn`,
      message: 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/trellis-network',
    });
  } else if (ACCOUNT_ID.test(accountId) && role.accountId !== accountId) {
    problems.push({
      field: `${fieldPrefix}.roleArn`,
      message: `names account ${role.accountId}, but accountId is ${accountId}`,
    });
  }
  return problems;
}

export function checkExternalId(field: string, externalId: string): IdentifierProblem[] {
  return EXTERNAL_ID.test(externalId)
    ? []
    : [
        {
          field,
          message:
            'must be 2-1224 characters of letters, digits and +=,.@:/-_ (the sts:ExternalId rules)',
        },
      ];
}

export function checkRegion(field: string, region: string): IdentifierProblem[] {
  return REGION.test(region)
    ? []
    : [{ field, message: `"${region}" is not an AWS region name (e.g. us-west-2)` }];
}
