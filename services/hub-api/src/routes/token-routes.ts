// /v1/tenants/{tenant}/tokens: mint (the token is in that one response), list (never the
// token), revoke. Each token is a Secret in the tenant namespace holding only its SHA-256.
import Type from 'typebox';
import { NotFoundError, tenantNamespace } from '@trellis/core';
import { CoreResources } from '@trellis/kube';
import { TOKEN_HASH_KEY } from '../auth/principal.ts';
import { mintTenantToken, tokenSecretName } from '../auth/tenant-tokens.ts';
import { TOKEN_LABEL } from '../cache/management-caches.ts';
import { paginate } from '../http/pagination.ts';
import { MANAGED_BY_LABELS, TENANT_LABEL, type Secret } from '../resources.ts';
import {
  ListQuerySchema,
  problemResponses,
  TenantParamsSchema,
} from '../schemas/common-schemas.ts';
import {
  CreateTokenRequestSchema,
  MintedTokenSchema,
  TokenListSchema,
  TokenParamsSchema,
} from '../schemas/token-schemas.ts';
import { TOKEN_NAME_ANNOTATION, tokenView } from '../views/resource-views.ts';
import type { ApiContext, HubApiInstance } from './api-context.ts';
import { ensureTenantNamespace, requireTenant, sendIdempotent } from './route-support.ts';

const TAGS = ['tokens'];
const TOKEN_ID = /^[0-9a-f]{12}$/;

export function registerTokenRoutes(app: HubApiInstance, ctx: ApiContext): void {
  app.post(
    '/v1/tenants/:tenant/tokens',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Mint a tenant-scoped API token (returned only in this response)',
        params: TenantParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateTokenRequestSchema,
        response: { 201: MintedTokenSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const tenant = request.params.tenant;
      requireTenant(ctx, tenant, true);
      reply.header('cache-control', 'no-store');
      return sendIdempotent(ctx, request, reply, async () => {
        const minted = mintTenantToken(tenant);
        const namespace = await ensureTenantNamespace(ctx.mgmt, tenant);
        const created = await ctx.mgmt.create<Secret>(CoreResources.secrets, {
          metadata: {
            name: tokenSecretName(minted.id),
            namespace,
            labels: { [TOKEN_LABEL]: 'true', [TENANT_LABEL]: tenant, ...MANAGED_BY_LABELS },
            annotations: { [TOKEN_NAME_ANNOTATION]: request.body.name },
          },
          type: 'trellis.dev/tenant-token',
          data: { [TOKEN_HASH_KEY]: Buffer.from(minted.hash, 'utf8').toString('base64') },
        });
        // The token works on this replica as soon as the client has it.
        await ctx.caches.tokens.untilObserved(created);
        return {
          statusCode: 201,
          headers: { location: `/v1/tenants/${encodeURIComponent(tenant)}/tokens/${minted.id}` },
          body: { ...tokenView(created, tenant), token: minted.token },
        };
      });
    },
  );

  app.get(
    '/v1/tenants/:tenant/tokens',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'List a tenant’s tokens (ids, names, creation times; never the token)',
        params: TenantParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: TokenListSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const tenant = request.params.tenant;
      requireTenant(ctx, tenant);
      const views = ctx.caches.tokens
        .list(tenantNamespace(tenant))
        .map((s) => tokenView(s, tenant));
      return paginate(views, (t) => t.id, request.query);
    },
  );

  app.delete(
    '/v1/tenants/:tenant/tokens/:tokenId',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Revoke a token',
        params: TokenParamsSchema,
        response: { 204: Type.Null(), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { tenant, tokenId } = request.params;
      requireTenant(ctx, tenant);
      const namespace = tenantNamespace(tenant);
      const name = tokenSecretName(tokenId);
      if (!TOKEN_ID.test(tokenId) || ctx.caches.tokens.get(name, namespace) === undefined) {
        throw new NotFoundError('token', tokenId);
      }
      await ctx.mgmt.delete(CoreResources.secrets, { name, namespace });
      // Revocation takes effect on this replica before the answer.
      await ctx.caches.tokens.until(() => ctx.caches.tokens.get(name, namespace) === undefined);
      return reply.code(204).send(null);
    },
  );
}
