// The seed file's schema: one TypeBox definition gives the TypeScript type, the validation and
// the JSON Schema published as docs/aws-emulator.seed.schema.json.
import { Type } from 'typebox';

const AccountId = Type.String({ pattern: '^\\d{12}$', description: '12-digit AWS account id' });
const Region = Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-\\d$', description: 'e.g. us-west-2' });
const IamPath = Type.String({ pattern: '^/(.*/)?$', description: "IAM path, '/' or '/a/b/'" });
const VpcId = Type.String({ pattern: '^vpc-([0-9a-f]{8}|[0-9a-f]{17})$' });

const AccessKeySeed = Type.Object(
  {
    accessKeyId: Type.String({ pattern: '^[A-Z0-9]{16,128}$', description: 'e.g. AKIA… (20 characters)' }),
    secretAccessKey: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

const UserSeed = Type.Object(
  {
    name: Type.String({ pattern: '^[\\w+=,.@-]{1,64}$' }),
    path: Type.Optional(IamPath),
    accessKeys: Type.Optional(Type.Array(AccessKeySeed)),
  },
  { additionalProperties: false },
);

const PolicyStatementSeed = Type.Object(
  {
    Sid: Type.Optional(Type.String()),
    Effect: Type.Union([Type.Literal('Allow'), Type.Literal('Deny')]),
    Principal: Type.Union([Type.Literal('*'), Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]))]),
    Action: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    NotAction: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    Condition: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean(), Type.Array(Type.String())])),
      ),
    ),
  },
  { additionalProperties: false },
);

const TrustPolicySeed = Type.Object(
  {
    Version: Type.Optional(Type.String()),
    Statement: Type.Union([PolicyStatementSeed, Type.Array(PolicyStatementSeed)]),
  },
  { additionalProperties: false },
);

const RoleSeed = Type.Object(
  {
    name: Type.String({ pattern: '^[\\w+=,.@-]{1,64}$' }),
    path: Type.Optional(IamPath),
    roleId: Type.Optional(Type.String({ pattern: '^AROA[A-Z0-9]{16,}$' })),
    maxSessionDuration: Type.Optional(Type.Integer({ minimum: 3600, maximum: 43200 })),
    trustPolicy: Type.Union([TrustPolicySeed, Type.String({ description: 'JSON text of the policy' })]),
  },
  { additionalProperties: false },
);

const VpcSeed = Type.Object(
  {
    id: VpcId,
    region: Type.Optional(Region),
    cidrBlock: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const AccessEntrySeed = Type.Object(
  {
    principalArn: Type.String({ pattern: '^arn:aws:iam::\\d{12}:(role|user)/.+$' }),
    username: Type.Optional(Type.String({ minLength: 1 })),
    kubernetesGroups: Type.Optional(Type.Array(Type.String())),
    type: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const EksClusterSeed = Type.Object(
  {
    name: Type.String({ pattern: '^[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}$' }),
    region: Region,
    version: Type.Optional(Type.String({ pattern: '^\\d+\\.\\d+$', description: 'Kubernetes minor, default 1.31' })),
    platformVersion: Type.Optional(Type.String()),
    vpcId: VpcId,
    subnetIds: Type.Optional(Type.Array(Type.String({ pattern: '^subnet-[0-9a-f]{8,17}$' }))),
    securityGroupIds: Type.Optional(Type.Array(Type.String({ pattern: '^sg-[0-9a-f]{8,17}$' }))),
    kubeCluster: Type.Optional(Type.String({ description: 'kube-emulator cluster name; default: the EKS name' })),
    endpoint: Type.Optional(Type.String({ description: 'API server URL; default <kube baseUrl>/clusters/<kubeCluster>' })),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    tags: Type.Optional(Type.Record(Type.String(), Type.String())),
    accessEntries: Type.Optional(Type.Array(AccessEntrySeed)),
  },
  { additionalProperties: false },
);

const AccountSeed = Type.Object(
  {
    id: AccountId,
    name: Type.Optional(Type.String()),
    rootAccessKeys: Type.Optional(Type.Array(AccessKeySeed)),
    users: Type.Optional(Type.Array(UserSeed)),
    roles: Type.Optional(Type.Array(RoleSeed)),
    vpcs: Type.Optional(Type.Array(VpcSeed)),
    eksClusters: Type.Optional(Type.Array(EksClusterSeed)),
  },
  { additionalProperties: false },
);

const OrganizationalUnitSeed = Type.Object(
  {
    id: Type.String({ pattern: '^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$', description: 'e.g. ou-ab12-cd34ef56' }),
    accounts: Type.Array(AccountId, { description: "member accounts of the organisation; nesting is not modelled: list an account under every OU whose shares should reach it" }),
  },
  { additionalProperties: false },
);

const OrganizationSeed = Type.Object(
  {
    id: Type.String({ pattern: '^o-[a-z0-9]{10,32}$' }),
    accounts: Type.Array(AccountId),
    managementAccount: Type.Optional(
      Type.String({ pattern: '^\\d{12}$', description: 'one of accounts; default: the first of accounts' }),
    ),
    organizationalUnits: Type.Optional(Type.Array(OrganizationalUnitSeed)),
    ramSharingEnabled: Type.Optional(Type.Boolean({ description: 'RAM sharing within the organisation (no invitations); default true' })),
  },
  { additionalProperties: false },
);

export const SeedSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    implicitAccounts: Type.Optional(
      Type.Boolean({
        description:
          'LocalStack convention: 12-digit access key ids are account roots (secret "test") and any vpc- id belongs to the caller. Default false with a seed.',
      }),
    ),
    accounts: Type.Array(AccountSeed),
    organizations: Type.Optional(Type.Array(OrganizationSeed)),
  },
  { additionalProperties: false, title: 'Trellis aws-emulator seed' },
);

export type Seed = Type.Static<typeof SeedSchema>;
export type AccountSeed = Type.Static<typeof AccountSeed>;
export type EksClusterSeed = Type.Static<typeof EksClusterSeed>;
export type AccessEntrySeed = Type.Static<typeof AccessEntrySeed>;
