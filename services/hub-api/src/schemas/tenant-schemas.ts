// REST shapes of tenants: requests wrap core's TenantSpecSchema (closed to unknown fields),
// responses are a view of the Tenant CR, not the CR itself.
import Type, { type Static } from 'typebox';
import { TenantSpecSchema } from '@trellis/core';
import { closedSchema } from './strict-schema.ts';
import { ResourceStatusSchema } from './common-schemas.ts';

export const TenantSpecRequestSchema = closedSchema(TenantSpecSchema);

export const CreateTenantRequestSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 63,
      description: 'tenant name: a DNS label of 2-40 characters, no "--"',
    }),
    spec: TenantSpecRequestSchema,
  },
  { additionalProperties: false },
);

export const ReplaceTenantRequestSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'if given, must equal the path’s name' })),
    spec: TenantSpecRequestSchema,
  },
  { additionalProperties: false },
);

/** JSON merge patch (RFC 7386) of the tenant; the merged result is validated in full. */
export const PatchTenantRequestSchema = Type.Object(
  { spec: Type.Optional(Type.Object({}, { additionalProperties: true })) },
  { additionalProperties: false },
);

export const TenantViewSchema = Type.Object(
  {
    name: Type.String(),
    spec: TenantSpecSchema,
    status: ResourceStatusSchema,
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    deletingSince: Type.Optional(Type.String({ format: 'date-time' })),
    generation: Type.Integer(),
    observedGeneration: Type.Optional(Type.Integer()),
  },
  { title: 'Tenant' },
);

export const TenantListSchema = Type.Object({
  items: Type.Array(TenantViewSchema),
  continue: Type.Optional(Type.String()),
});

export type CreateTenantRequest = Static<typeof CreateTenantRequestSchema>;
export type ReplaceTenantRequest = Static<typeof ReplaceTenantRequestSchema>;
export type TenantView = Static<typeof TenantViewSchema>;
