import Type from 'typebox';

export const API_GROUP = 'trellis.dev';
export const API_VERSION = 'v1alpha1';
export const GROUP_VERSION = `${API_GROUP}/${API_VERSION}`;

/** metav1.Condition, as every Trellis status carries them. */
export const ConditionSchema = Type.Object({
  type: Type.String({ minLength: 1, maxLength: 316 }),
  status: Type.Enum(['True', 'False', 'Unknown']),
  reason: Type.String({ minLength: 1, maxLength: 1024 }),
  message: Type.String({ maxLength: 32768 }),
  lastTransitionTime: Type.String({ format: 'date-time' }),
  observedGeneration: Type.Optional(Type.Integer({ minimum: 0 })),
});

/**
 * An IAM role to assume, with the ExternalId its trust policy requires. Kept as properties so
 * other objects can spread them (an allOf would not be a structural CRD schema).
 */
export const assumedRoleProperties = {
  accountId: Type.String({ pattern: '^[0-9]{12}$', description: 'the AWS account id' }),
  roleArn: Type.String({
    pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$',
    description: 'the role Trellis assumes in that account',
  }),
  externalId: Type.Optional(
    Type.String({
      pattern: '^[\\w+=,.@:/-]{2,1224}$',
      description: 'the sts:ExternalId the role’s trust policy requires',
    }),
  ),
  viaRoleArns: Type.Optional(
    Type.Array(Type.String({ pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$' }), {
      maxItems: 3,
      description: 'roles to assume first, in order (role chaining); each hop is capped at 1 hour',
    }),
  ),
};

export const AssumedRoleSchema = Type.Object(assumedRoleProperties);

export const RegionSchema = Type.String({
  pattern: '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$',
  description: 'AWS region, e.g. us-west-2',
});

export const ObjectReferenceSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 253 }),
  key: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
});
