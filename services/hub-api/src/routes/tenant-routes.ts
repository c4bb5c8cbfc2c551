// /v1/tenants: create (POST, Idempotency-Key), list, get, create-or-replace (PUT), merge patch
// (PATCH), delete. Writes go to the Tenant CR; reads come from the cache.
import Type from 'typebox';
import { Value } from 'typebox/value';
import {
  checkTenant,
  ConflictError,
  NotFoundError,
  TenantSpecSchema,
  ValidationError,
  type TenantSpec,
} from '@trellis/core';
import { isConflict } from '@trellis/kube';
import { fieldProblemsOf } from '../http/validation-errors.ts';
import { paginate } from '../http/pagination.ts';
import { canonicalJson } from '../idempotency/idempotency-store.ts';
import { TENANTS, type Tenant } from '../resources.ts';
import {
  ListQuerySchema,
  problemResponses,
  TenantParamsSchema,
} from '../schemas/common-schemas.ts';
import { closedSchema } from '../schemas/strict-schema.ts';
import {
  CreateTenantRequestSchema,
  PatchTenantRequestSchema,
  ReplaceTenantRequestSchema,
  TenantListSchema,
  TenantViewSchema,
  type TenantView,
} from '../schemas/tenant-schemas.ts';
import { applyMergePatch } from '../views/merge-patch.ts';
import { tenantView } from '../views/resource-views.ts';
import type { ApiContext, HubApiInstance } from './api-context.ts';
import { principalOf, requireTenant, sendIdempotent, throwIfInvalid } from './route-support.ts';

const TAGS = ['tenants'];
const CLOSED_SPEC = closedSchema(TenantSpecSchema);
const WRITE_RETRIES = 3;

export function tenantLocation(name: string): string {
  return `/v1/tenants/${encodeURIComponent(name)}`;
}

export function registerTenantRoutes(app: HubApiInstance, ctx: ApiContext): void {
  app.post(
    '/v1/tenants',
    {
      config: { access: 'admin' },
      schema: {
        tags: TAGS,
        summary: 'Create a tenant (202: the controller onboards it)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateTenantRequestSchema,
        response: { 202: TenantViewSchema, ...problemResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { name, spec } = request.body;
      throwIfInvalid(checkTenant(name, spec));
      return sendIdempotent(ctx, request, reply, async () => {
        if (ctx.caches.tenants.get(name) !== undefined) {
          throw new ConflictError('AlreadyExists', `tenant "${name}" already exists`);
        }
        const created = await ctx.mgmt.create<Tenant>(TENANTS, { metadata: { name }, spec });
        await ctx.caches.tenants.untilObserved(created);
        return accepted(created);
      });
    },
  );

  app.get(
    '/v1/tenants',
    {
      config: { access: 'any' },
      schema: {
        tags: TAGS,
        summary: 'List tenants (a tenant token sees only its own)',
        querystring: ListQuerySchema,
        response: { 200: TenantListSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const visible = ctx.caches.tenants
        .list()
        .filter((t) => principal.kind === 'admin' || t.metadata?.name === principal.tenant);
      const page = paginate(visible, (t) => t.metadata?.name ?? '', request.query);
      return { ...page, items: page.items.map(tenantView) };
    },
  );

  app.get(
    '/v1/tenants/:tenant',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Get a tenant with its status conditions',
        params: TenantParamsSchema,
        response: { 200: TenantViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => tenantView(requireTenant(ctx, request.params.tenant)),
  );

  app.put(
    '/v1/tenants/:tenant',
    {
      config: { access: 'tenant-admin' },
      schema: {
        tags: TAGS,
        summary: 'Create or replace a tenant (idempotent)',
        params: TenantParamsSchema,
        body: ReplaceTenantRequestSchema,
        response: {
          200: TenantViewSchema,
          202: TenantViewSchema,
          ...problemResponses(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const name = request.params.tenant;
      if (request.body.name !== undefined && request.body.name !== name) {
        throw new ValidationError([
          { field: 'name', message: `must equal the name in the path ("${name}")` },
        ]);
      }
      const spec = request.body.spec;
      throwIfInvalid(checkTenant(name, spec));
      const result = await writeSpec(ctx, name, () => spec, true);
      return reply.code(result.statusCode).headers(result.headers).send(result.body);
    },
  );

  app.patch(
    '/v1/tenants/:tenant',
    {
      config: { access: 'tenant-admin' },
      schema: {
        tags: TAGS,
        summary: 'Update a tenant with a JSON merge patch (RFC 7386) of {spec}',
        params: TenantParamsSchema,
        body: PatchTenantRequestSchema,
        response: {
          200: TenantViewSchema,
          202: TenantViewSchema,
          ...problemResponses(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const name = request.params.tenant;
      requireTenant(ctx, name);
      const patch = request.body.spec;
      const result = await writeSpec(
        ctx,
        name,
        (current) => {
          const merged = patch === undefined ? current : applyMergePatch(current, patch);
          const problems = fieldProblemsOf([...Value.Errors(CLOSED_SPEC, merged)], 'spec');
          if (problems.length > 0) throw new ValidationError(problems);
          const spec = merged as TenantSpec;
          throwIfInvalid(checkTenant(name, spec));
          return spec;
        },
        false,
      );
      return reply.code(result.statusCode).headers(result.headers).send(result.body);
    },
  );

  app.delete(
    '/v1/tenants/:tenant',
    {
      config: { access: 'tenant-admin' },
      schema: {
        tags: TAGS,
        summary: 'Delete a tenant (202 while the controller cleans up, 204 when gone)',
        params: TenantParamsSchema,
        response: { 202: TenantViewSchema, 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const name = request.params.tenant;
      requireTenant(ctx, name);
      if (!(await ctx.mgmt.delete(TENANTS, { name }))) throw new NotFoundError('tenant', name);
      await ctx.caches.tenants.untilDeleting(name);
      const remaining = ctx.caches.tenants.get(name);
      if (remaining === undefined) return reply.code(204).send(null);
      return reply.code(202).header('location', tenantLocation(name)).send(tenantView(remaining));
    },
  );
}

interface WriteResult {
  statusCode: 200 | 202;
  headers: Record<string, string>;
  body: TenantView;
}

function accepted(tenant: Tenant): WriteResult {
  const name = tenant.metadata?.name ?? '';
  return { statusCode: 202, headers: { location: tenantLocation(name) }, body: tenantView(tenant) };
}

/** Equal after the CRD's defaults, so a PUT of what is stored is a no-op (no new generation). */
function sameSpec(a: TenantSpec, b: TenantSpec): boolean {
  const withDefaults = (spec: TenantSpec) => Value.Default(TenantSpecSchema, structuredClone(spec));
  return canonicalJson(withDefaults(a)) === canonicalJson(withDefaults(b));
}

/**
 * Read the CR from the API server (a write must not act on a stale cache), compute the new spec
 * and replace it with optimistic concurrency, retrying when someone else wrote in between.
 */
async function writeSpec(
  ctx: ApiContext,
  name: string,
  nextSpec: (current: TenantSpec) => TenantSpec,
  createIfAbsent: boolean,
): Promise<WriteResult> {
  for (let attempt = 1; ; attempt++) {
    const current = await ctx.mgmt.get<Tenant>(TENANTS, { name });
    if (current === undefined) {
      if (!createIfAbsent) throw new NotFoundError('tenant', name);
      const spec = nextSpec({} as TenantSpec);
      try {
        const created = await ctx.mgmt.create<Tenant>(TENANTS, { metadata: { name }, spec });
        await ctx.caches.tenants.untilObserved(created);
        return accepted(created);
      } catch (error) {
        if (isConflict(error) && attempt < WRITE_RETRIES) continue;
        throw error;
      }
    }
    if (current.metadata?.deletionTimestamp !== undefined) {
      throw new ConflictError('TenantDeleting', `tenant "${name}" is being deleted`);
    }
    const spec = nextSpec(current.spec);
    if (sameSpec(current.spec, spec)) {
      return { statusCode: 200, headers: {}, body: tenantView(current) };
    }
    try {
      const replaced = await ctx.mgmt.replace<Tenant>(TENANTS, { ...current, spec });
      await ctx.caches.tenants.untilObserved(replaced);
      return accepted(replaced);
    } catch (error) {
      if (isConflict(error) && attempt < WRITE_RETRIES) continue;
      throw error;
    }
  }
}
