import Type from 'typebox';
import { ConditionSchema } from '@trellis/core';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri', examples: ['https://trellis.dev/problems/validation'] }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    reason: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    ),
  },
  { title: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' },
);

/** What every Trellis resource view carries besides its spec. */
export const ResourceStatusSchema = Type.Object(
  {
    conditions: Type.Array(ConditionSchema),
  },
  {
    additionalProperties: true,
    description: 'observed state: conditions plus the kind’s own fields (see the CRD)',
  },
);

export const ListQuerySchema = Type.Object(
  {
    limit: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,4}$', description: 'page size, 1-500 (default 100)' }),
    ),
    continue: Type.Optional(
      Type.String({ maxLength: 1024, description: 'opaque cursor from the previous page' }),
    ),
  },
  { additionalProperties: false },
);

export const NAME_PATTERN = '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$';

export const TenantParamsSchema = Type.Object({
  tenant: Type.String({ maxLength: 63, description: 'tenant name' }),
});

/** Fastify's response map entry for problem answers, for the OpenAPI document. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((s) => [s, { ...ProblemSchema, description: 'problem details' }]),
  );
}
