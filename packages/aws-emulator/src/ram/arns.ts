// ARNs RAM mints and reads: resource shares, invitations, AWS managed permissions, and the
// generic shape every resource ARN must have before the resolver is asked about it.
import { randomUUID } from 'node:crypto';
import { MalformedArnException } from './ram-errors.ts';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

const ARN_SHAPE = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/;

export function parseArn(value: string): ParsedArn | undefined {
  const match = ARN_SHAPE.exec(value);
  if (!match) return undefined;
  const [, partition, service, region, accountId, resource] = match;
  if (!partition || !service || !resource) return undefined;
  return { partition, service, region: region ?? '', accountId: accountId ?? '', resource };
}

export function requireArn(value: string): ParsedArn {
  const parsed = parseArn(value);
  if (!parsed) throw new MalformedArnException(`The specified ARN ${value} is not valid.`);
  return parsed;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SHARE_ARN = new RegExp(
  `^arn:aws[a-z-]*:ram:([a-z0-9-]+):(\\d{12}):resource-share/(${UUID})$`,
);
const INVITATION_ARN = new RegExp(
  `^arn:aws[a-z-]*:ram:([a-z0-9-]+):(\\d{12}):resource-share-invitation/(${UUID})$`,
);

export function resourceShareArn(region: string, accountId: string): string {
  return `arn:aws:ram:${region}:${accountId}:resource-share/${randomUUID()}`;
}

export function invitationArn(region: string, senderAccountId: string): string {
  return `arn:aws:ram:${region}:${senderAccountId}:resource-share-invitation/${randomUUID()}`;
}

/** Validates a resource share ARN's format; lookups then decide whether it exists for the caller. */
export function requireShareArn(value: string): void {
  if (!SHARE_ARN.test(value))
    throw new MalformedArnException(`The specified resource share ARN ${value} is not valid.`);
}

export function requireInvitationArn(value: string): void {
  if (!INVITATION_ARN.test(value)) {
    throw new MalformedArnException(
      `The specified resource share invitation ARN ${value} is not valid.`,
    );
  }
}

/** AWS managed permissions are global: arn:aws:ram::aws:permission/<name>. */
export function managedPermissionArn(name: string): string {
  return `arn:aws:ram::aws:permission/${name}`;
}
