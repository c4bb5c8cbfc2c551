// /v1/tenants/{tenant}/upgrade-schedules: UpgradeSchedule CRs in tenant-<tenant>. Create, list,
// get, merge patch of spec, delete, suspend/resume (spec.suspend). The view adds the next cron
// ticks and whether the maintenance window is open now, computed by core on each read.
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';
import {
  checkUpgradeSchedule,
  ConflictError,
  nextCronTicks,
  NotFoundError,
  tenantNamespace,
  tenantOfNamespace,
  UpgradeScheduleSpecSchema,
  windowContains,
  type UpgradeScheduleSpec,
} from '@trellis/core';
import { fieldProblemsOf } from '../http/validation-errors.ts';
import { unprocessable } from '../http/problem.ts';
import { paginate } from '../http/pagination.ts';
import { TENANT_LABEL, UPGRADE_SCHEDULES, type UpgradeSchedule } from '../resources.ts';
import {
  ListQuerySchema,
  NAME_PATTERN,
  problemResponses,
  ResourceStatusSchema,
  TenantParamsSchema,
} from '../schemas/common-schemas.ts';
import { closedSchema } from '../schemas/strict-schema.ts';
import { applyMergePatch } from '../views/merge-patch.ts';
import type { ApiContext, HubApiInstance } from './api-context.ts';
import { ensureTenantNamespace, requireTenant, sendIdempotent } from './route-support.ts';

const TAGS = ['upgrade-schedules'];
const CLOSED_SPEC = closedSchema(UpgradeScheduleSpecSchema);
const NEXT_TICKS = 3;

const ScheduleParamsSchema = Type.Object({
  tenant: Type.String({ maxLength: 63 }),
  name: Type.String({ maxLength: 63 }),
});

const ScheduleViewSchema = Type.Object(
  {
    name: Type.String(),
    tenant: Type.String(),
    spec: UpgradeScheduleSpecSchema,
    status: ResourceStatusSchema,
    nextTicks: Type.Array(Type.String({ format: 'date-time' }), {
      description: 'the next cron ticks (empty when the cron is invalid)',
    }),
    windowOpen: Type.Boolean({ description: 'true when now is inside spec.window (or no window)' }),
    suspended: Type.Boolean(),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    deletingSince: Type.Optional(Type.String({ format: 'date-time' })),
    generation: Type.Integer(),
    observedGeneration: Type.Optional(Type.Integer()),
  },
  { title: 'UpgradeSchedule' },
);

export function scheduleLocation(tenant: string, name: string): string {
  return `/v1/tenants/${encodeURIComponent(tenant)}/upgrade-schedules/${encodeURIComponent(name)}`;
}

export type ScheduleView = Static<typeof ScheduleViewSchema>;

export function scheduleView(s: UpgradeSchedule, now = new Date()): ScheduleView {
  const { observedGeneration, conditions, ...rest } = s.status ?? {};
  const timeZone = s.spec.timeZone ?? 'UTC';
  let nextTicks: string[] = [];
  let windowOpen = true;
  try {
    nextTicks = nextCronTicks(s.spec.cron, timeZone, now, NEXT_TICKS).map((d) => d.toISOString());
    if (s.spec.window !== undefined) windowOpen = windowContains(s.spec.window, timeZone, now);
  } catch {
    // an invalid cron or zone written behind the API's back: the controller reports it (Valid=False)
  }
  const created = s.metadata?.creationTimestamp;
  const deleting = s.metadata?.deletionTimestamp;
  return {
    name: s.metadata?.name ?? '',
    tenant: tenantOfNamespace(s.metadata?.namespace ?? '') ?? '',
    spec: s.spec,
    status: { ...rest, conditions: conditions ?? [] },
    nextTicks,
    windowOpen,
    suspended: s.spec.suspend === true,
    ...(created !== undefined ? { createdAt: new Date(created).toISOString() } : {}),
    ...(deleting !== undefined ? { deletingSince: new Date(deleting).toISOString() } : {}),
    generation: s.metadata?.generation ?? 1,
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
}

function checkSpec(spec: unknown): UpgradeScheduleSpec {
  const problems = fieldProblemsOf([...Value.Errors(CLOSED_SPEC, spec)], 'spec');
  if (problems.length > 0) throw unprocessable(problems);
  const typed = spec as UpgradeScheduleSpec;
  const messages = checkUpgradeSchedule(typed);
  if (messages.length > 0) {
    throw unprocessable(messages.map((message) => ({ field: 'spec', message })));
  }
  return typed;
}

function requireSchedule(ctx: ApiContext, tenant: string, name: string): UpgradeSchedule {
  requireTenant(ctx, tenant);
  const found = ctx.caches.schedules.get(name, tenantNamespace(tenant));
  if (found === undefined) throw new NotFoundError('upgrade schedule', name);
  return found;
}

async function patchSpec(
  ctx: ApiContext,
  current: UpgradeSchedule,
  patch: Record<string, unknown>,
): Promise<ScheduleView> {
  const key = { name: current.metadata?.name ?? '', namespace: current.metadata?.namespace ?? '' };
  const written = await ctx.mgmt.mergePatch<UpgradeSchedule>(UPGRADE_SCHEDULES, key, {
    spec: patch,
  });
  await ctx.caches.schedules.untilObserved(written);
  return scheduleView(ctx.caches.schedules.get(key.name, key.namespace) ?? written);
}

export function registerScheduleRoutes(app: HubApiInstance, ctx: ApiContext): void {
  const base = '/v1/tenants/:tenant/upgrade-schedules';
  app.post(
    base,
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Create an UpgradeSchedule (202)',
        params: TenantParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 63, pattern: NAME_PATTERN }),
            spec: CLOSED_SPEC,
          },
          { additionalProperties: false },
        ),
        response: {
          202: ScheduleViewSchema,
          ...problemResponses(400, 401, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const tenant = request.params.tenant;
      requireTenant(ctx, tenant, true);
      const { name } = request.body;
      const spec = checkSpec(request.body.spec);
      return sendIdempotent(ctx, request, reply, async () => {
        const namespace = tenantNamespace(tenant);
        if (ctx.caches.schedules.get(name, namespace) !== undefined) {
          throw new ConflictError(
            'AlreadyExists',
            `upgrade schedule "${name}" already exists in tenant "${tenant}"`,
          );
        }
        await ensureTenantNamespace(ctx.mgmt, tenant);
        const created = await ctx.mgmt.create<UpgradeSchedule>(UPGRADE_SCHEDULES, {
          metadata: { name, namespace, labels: { [TENANT_LABEL]: tenant } },
          spec,
        });
        await ctx.caches.schedules.untilObserved(created);
        return {
          statusCode: 202,
          headers: { location: scheduleLocation(tenant, name) },
          body: scheduleView(created),
        };
      });
    },
  );

  app.get(
    base,
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'List a tenant’s upgrade schedules',
        params: TenantParamsSchema,
        querystring: ListQuerySchema,
        response: {
          200: Type.Object({
            items: Type.Array(ScheduleViewSchema),
            continue: Type.Optional(Type.String()),
          }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const tenant = request.params.tenant;
      requireTenant(ctx, tenant);
      const all = ctx.caches.schedules.list(tenantNamespace(tenant));
      const page = paginate(all, (s) => s.metadata?.name ?? '', request.query);
      const now = new Date();
      return { ...page, items: page.items.map((s) => scheduleView(s, now)) };
    },
  );

  app.get(
    `${base}/:name`,
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Get a schedule: next ticks, window open now, last decision',
        params: ScheduleParamsSchema,
        response: { 200: ScheduleViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) =>
      scheduleView(requireSchedule(ctx, request.params.tenant, request.params.name)),
  );

  app.patch(
    `${base}/:name`,
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Merge patch (RFC 7386) of {spec} (202)',
        params: ScheduleParamsSchema,
        body: Type.Object(
          { spec: Type.Optional(Type.Object({}, { additionalProperties: true })) },
          { additionalProperties: false },
        ),
        response: {
          202: ScheduleViewSchema,
          ...problemResponses(400, 401, 404, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { tenant, name } = request.params;
      const current = requireSchedule(ctx, tenant, name);
      const patch = (request.body.spec ?? {}) as Record<string, unknown>;
      checkSpec(applyMergePatch(current.spec, patch));
      return reply.code(202).send(await patchSpec(ctx, current, patch));
    },
  );

  app.delete(
    `${base}/:name`,
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Delete a schedule (migrations it created stay)',
        params: ScheduleParamsSchema,
        response: { 202: ScheduleViewSchema, 204: Type.Null(), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { tenant, name } = request.params;
      requireSchedule(ctx, tenant, name);
      const namespace = tenantNamespace(tenant);
      if (!(await ctx.mgmt.delete(UPGRADE_SCHEDULES, { name, namespace }))) {
        throw new NotFoundError('upgrade schedule', name);
      }
      await ctx.caches.schedules.untilDeleting(name, namespace);
      const remaining = ctx.caches.schedules.get(name, namespace);
      if (remaining === undefined) return reply.code(204).send(null);
      return reply.code(202).send(scheduleView(remaining));
    },
  );

  app.post(
    `${base}/:name/:operation`,
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'suspend | resume: set spec.suspend (202)',
        params: Type.Object({
          tenant: Type.String({ maxLength: 63 }),
          name: Type.String({ maxLength: 63 }),
          operation: Type.Enum(['suspend', 'resume']),
        }),
        response: { 202: ScheduleViewSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { tenant, name, operation } = request.params;
      const current = requireSchedule(ctx, tenant, name);
      return reply
        .code(202)
        .send(await patchSpec(ctx, current, { suspend: operation === 'suspend' }));
    },
  );
}
