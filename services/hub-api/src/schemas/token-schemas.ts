import Type, { type Static } from 'typebox';

export const CreateTokenRequestSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 63,
      pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$',
      description: 'what the token is for, e.g. "ci-deploy"',
    }),
  },
  { additionalProperties: false },
);

export const TokenViewSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    tenant: Type.String(),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { title: 'TenantToken' },
);

export const MintedTokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  tenant: Type.String(),
  createdAt: Type.Optional(Type.String({ format: 'date-time' })),
  token: Type.String({ description: 'the bearer token; shown only in this response' }),
});

export const TokenListSchema = Type.Object({
  items: Type.Array(TokenViewSchema),
  continue: Type.Optional(Type.String()),
});

export const TokenParamsSchema = Type.Object({
  tenant: Type.String({ maxLength: 63 }),
  tokenId: Type.String({ maxLength: 64 }),
});

export type CreateTokenRequest = Static<typeof CreateTokenRequestSchema>;
export type TokenView = Static<typeof TokenViewSchema>;
