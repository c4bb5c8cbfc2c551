// SDK clients pointed at the emulator the way Trellis points them at AWS: only endpoint changes.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EKSClient } from '@aws-sdk/client-eks';

export const REGION = 'us-west-2';

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface ClientOptions {
  maxAttempts?: number;
  region?: string;
}

export function stsClient(endpoint: string, credentials: AwsCredentialIdentity, options: ClientOptions = {}): STSClient {
  return new STSClient({ endpoint, region: options.region ?? REGION, credentials, maxAttempts: options.maxAttempts });
}

export function eksClient(endpoint: string, credentials: AwsCredentialIdentity, options: ClientOptions = {}): EKSClient {
  return new EKSClient({ endpoint, region: options.region ?? REGION, credentials, maxAttempts: options.maxAttempts });
}

export async function assumeRole(
  endpoint: string,
  credentials: AwsCredentialIdentity,
  roleArn: string,
  extra: { externalId?: string; durationSeconds?: number; sessionName?: string } = {},
): Promise<AwsCredentialIdentity> {
  const out = await stsClient(endpoint, credentials).send(
    new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: extra.sessionName ?? 'trellis-test',
      ExternalId: extra.externalId,
      DurationSeconds: extra.durationSeconds,
    }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration };
}

/** The rejection of a promise, for asserting on SDK error names and messages. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number; attempts?: number } };
  }
  throw new Error('expected the call to fail');
}
