import Type, { type Static } from 'typebox';
import { assumedRoleProperties, ConditionSchema, RegionSchema } from './common.ts';

export const TenantSpecSchema = Type.Object({
  displayName: Type.Optional(Type.String({ maxLength: 256 })),
  /** The account that owns the tenant's service network, and how Trellis gets into it. */
  networkAccount: Type.Object({ ...assumedRoleProperties, region: RegionSchema }),
  serviceNetwork: Type.Optional(
    Type.Object({
      name: Type.Optional(
        Type.String({
          minLength: 3,
          maxLength: 63,
          pattern: '^(?!sn-)(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
          description: 'defaults to trellis-<tenant>; an existing network of that name is adopted',
        }),
      ),
      authType: Type.Optional(
        Type.Enum(['NONE', 'AWS_IAM'], {
          default: 'NONE',
          description: 'AWS_IAM requires SigV4-signed requests allowed by authPolicy',
        }),
      ),
      authPolicy: Type.Optional(
        Type.Unknown({ description: 'an IAM policy document (JSON object) for AWS_IAM' }),
      ),
      accessLogDestinationArn: Type.Optional(
        Type.String({
          pattern: '^arn:aws[a-z-]*:(s3|logs|firehose):.+$',
          description: 'S3 bucket, CloudWatch log group or Firehose stream for access logs',
        }),
      ),
    }),
  ),
  sharing: Type.Optional(
    Type.Object({
      allowExternalPrincipals: Type.Optional(
        Type.Boolean({
          default: true,
          description:
            'share with accounts outside the organisation (invitations are accepted by Trellis)',
        }),
      ),
    }),
  ),
});

export const TenantStatusSchema = Type.Object({
  observedGeneration: Type.Optional(Type.Integer()),
  conditions: Type.Optional(Type.Array(ConditionSchema)),
  namespace: Type.Optional(Type.String()),
  serviceNetwork: Type.Optional(
    Type.Object({
      id: Type.String(),
      arn: Type.String(),
      name: Type.String(),
    }),
  ),
  resourceShareArn: Type.Optional(Type.String()),
  sharedWithAccounts: Type.Optional(Type.Array(Type.String())),
  clusterCount: Type.Optional(Type.Integer()),
});

export type TenantSpec = Static<typeof TenantSpecSchema>;
export type TenantStatus = Static<typeof TenantStatusSchema>;

export const TENANT_CONDITIONS = {
  ready: 'Ready',
  credentials: 'CredentialsReady',
  serviceNetwork: 'ServiceNetworkReady',
  ramShared: 'RAMShared',
} as const;
