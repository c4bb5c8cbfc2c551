// sts:AssumeRole — trust policy (with ExternalId and session tags), duration rules including the
// one-hour cap on role chaining, and fresh temporary credentials that expire by the clock.
import type { Caller, Clock } from '../core/contracts.ts';
import { AwsError } from '../core/contracts.ts';
import type { XmlObject } from '../core/protocols/aws-query.ts';
import { readMemberList } from '../core/protocols/aws-query.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import { randomId, randomSecret, randomSessionToken } from '../identity/ids.ts';
import type { AccessKey } from '../identity/principals.ts';
import { assumedRoleArn } from '../identity/principals.ts';
import { trustPolicyAllows } from '../identity/trust-policy.ts';
import { parseInteger, ValidationErrors, validationError } from './sts-validation.ts';

const MIN_DURATION = 900;
const DEFAULT_DURATION = 3600;
const CHAINED_MAX_DURATION = 3600;
const MAX_TAGS = 50;

export function assumeRole(params: Map<string, string>, caller: Caller, identity: IdentityStore, clock: Clock): XmlObject {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  const externalId = params.get('ExternalId');
  const sourceIdentity = params.get('SourceIdentity');
  const duration = parseInteger('durationSeconds', params.get('DurationSeconds'));
  const tags = readMemberList(params, 'Tags');

  const errors = new ValidationErrors();
  errors.required('roleArn', roleArn);
  errors.length('roleArn', roleArn, 20, 2048);
  errors.required('roleSessionName', sessionName);
  errors.length('roleSessionName', sessionName, 2, 64);
  errors.pattern('roleSessionName', sessionName, /^[\w+=,.@-]*$/, '[\\w+=,.@-]*');
  errors.length('externalId', externalId, 2, 1224);
  errors.pattern('externalId', externalId, /^[\w+=,.@:/-]*$/, '[\\w+=,.@:\\/-]*');
  errors.range('durationSeconds', duration, MIN_DURATION, 43200);
  errors.length('sourceIdentity', sourceIdentity, 2, 64);
  errors.pattern('sourceIdentity', sourceIdentity, /^[\w+=,.@-]*$/, '[\\w+=,.@-]*');
  if (tags.length > MAX_TAGS) {
    errors.range('tags', tags.length, 0, MAX_TAGS);
  }
  tags.forEach((tag, i) => {
    errors.length(`tags.${i + 1}.member.key`, tag.Key, 1, 128);
    errors.length(`tags.${i + 1}.member.value`, tag.Value ?? '', 0, 256);
  });
  errors.throwIfAny();

  if (caller.kind === 'root') throw new AwsError('AccessDenied', 'Roles may not be assumed by root accounts.', 403);

  const denied = (action: string): AwsError =>
    new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn!}`, 403);
  const role = identity.findRole(roleArn!);
  // STS does not reveal whether a role exists: a missing role is the same AccessDenied.
  if (!role) throw denied('sts:AssumeRole');

  const context: Record<string, string | undefined> = {
    'sts:externalid': externalId,
    'sts:rolesessionname': sessionName,
    'sts:sourceidentity': sourceIdentity,
    'aws:principalarn': caller.kind === 'assumed-role' ? caller.roleArn : caller.arn,
    'aws:principalaccount': caller.accountId,
    'aws:principaltype': caller.kind === 'assumed-role' ? 'AssumedRole' : 'User',
  };
  for (const tag of tags) if (tag.Key !== undefined) context[`aws:requesttag/${tag.Key.toLowerCase()}`] = tag.Value;
  if (!trustPolicyAllows(role.trustPolicy, { caller, action: 'sts:AssumeRole', context })) throw denied('sts:AssumeRole');
  if (tags.length > 0 && !trustPolicyAllows(role.trustPolicy, { caller, action: 'sts:TagSession', context })) {
    throw denied('sts:TagSession');
  }

  const chained = caller.kind === 'assumed-role';
  if (chained && duration !== undefined && duration > CHAINED_MAX_DURATION) {
    throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration !== undefined && duration > role.maxSessionDuration) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const seconds = duration ?? DEFAULT_DURATION;
  const expiration = new Date(Math.floor(clock.now().getTime() / 1000) * 1000 + seconds * 1000);
  const sessionTags: Record<string, string> = {};
  for (const tag of tags) if (tag.Key !== undefined) sessionTags[tag.Key] = tag.Value ?? '';
  const key: AccessKey = {
    accessKeyId: randomId('ASIA'),
    secretAccessKey: randomSecret(),
    sessionToken: randomSessionToken(),
    expiration,
    principal: {
      kind: 'assumed-role',
      accountId: role.accountId,
      roleName: role.name,
      roleArn: role.arn,
      roleId: role.roleId,
      sessionName: sessionName!,
      chained,
      sessionTags,
    },
  };
  identity.addSessionKey(key);

  const result: XmlObject = {
    Credentials: {
      AccessKeyId: key.accessKeyId,
      SecretAccessKey: key.secretAccessKey,
      SessionToken: key.sessionToken,
      Expiration: expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName!}`,
      Arn: assumedRoleArn(role.accountId, role.name, sessionName!),
    },
  };
  if (tags.length > 0) result.PackedPolicySize = Math.min(100, tags.length * 2);
  if (sourceIdentity !== undefined) result.SourceIdentity = sourceIdentity;
  return result;
}
