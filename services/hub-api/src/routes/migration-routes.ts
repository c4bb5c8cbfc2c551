// /v1/tenants/{tenant}/migrations: ClusterMigration CRs in tenant-<tenant>. Create, list, get,
// merge patch of spec (fromCluster/toCluster/services immutable), delete, and the operations
// pause/resume/abort/promote, which are spec edits (docs/migrations.md, "Operations from REST are
// spec edits"), checked first with core applyOperation so an impossible one is a 409.
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';
import {
  applyOperation,
  checkMigrationPlan,
  ClusterMigrationSpecSchema,
  ConflictError,
  NotFoundError,
  tenantNamespace,
  tenantOfNamespace,
  type ClusterMigrationSpec,
  type FieldProblem,
  type MigrationOperationType,
  type ServiceRejection,
} from '@trellis/core';
import { fieldProblemsOf } from '../http/validation-errors.ts';
import { unprocessable } from '../http/problem.ts';
import { paginate } from '../http/pagination.ts';
import { CLUSTER_MIGRATIONS, TENANT_LABEL, type ClusterMigration } from '../resources.ts';
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
import {
  ensureTenantNamespace,
  principalOf,
  requireTenant,
  sendIdempotent,
} from './route-support.ts';
import { principalId } from '../auth/principal.ts';

const TAGS = ['migrations'];
const CLOSED_SPEC = closedSchema(ClusterMigrationSpecSchema);
/** Fixed at creation: the controller resolves and freezes them at validation. */
export const IMMUTABLE_MIGRATION_FIELDS = ['fromCluster', 'toCluster', 'services'] as const;

export const MigrationParamsSchema = Type.Object({
  tenant: Type.String({ maxLength: 63 }),
  name: Type.String({ maxLength: 63 }),
});

export const CreateMigrationRequestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 63, pattern: NAME_PATTERN }),
    spec: CLOSED_SPEC,
  },
  { additionalProperties: false },
);

export const PatchMigrationRequestSchema = Type.Object(
  { spec: Type.Optional(Type.Object({}, { additionalProperties: true })) },
  { additionalProperties: false },
);

export const MigrationViewSchema = Type.Object(
  {
    name: Type.String(),
    tenant: Type.String(),
    spec: ClusterMigrationSpecSchema,
    status: ResourceStatusSchema,
    progress: Type.Object({
      phase: Type.String(),
      percentDone: Type.Integer({ description: 'steps finished or skipped, of all steps' }),
      stepsDone: Type.Integer(),
      stepsTotal: Type.Integer(),
      currentStep: Type.Optional(Type.Integer()),
      nextStepAt: Type.Optional(Type.String({ format: 'date-time' })),
      toPercent: Type.Integer({ description: 'weight on toCluster now (last applied)' }),
      weights: Type.Array(Type.Object({}, { additionalProperties: true })),
      gates: Type.Array(Type.Object({}, { additionalProperties: true })),
      rejections: Type.Array(Type.Object({}, { additionalProperties: true })),
    }),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    deletingSince: Type.Optional(Type.String({ format: 'date-time' })),
    generation: Type.Integer(),
    observedGeneration: Type.Optional(Type.Integer()),
  },
  { title: 'ClusterMigration' },
);

const MigrationListSchema = Type.Object({
  items: Type.Array(MigrationViewSchema),
  continue: Type.Optional(Type.String()),
});

export function migrationLocation(tenant: string, name: string): string {
  return `/v1/tenants/${encodeURIComponent(tenant)}/migrations/${encodeURIComponent(name)}`;
}

export type MigrationView = Static<typeof MigrationViewSchema>;

export function migrationView(m: ClusterMigration): MigrationView {
  const { observedGeneration, conditions, ...rest } = m.status ?? {};
  const status = m.status ?? {};
  const steps = status.stepStates ?? [];
  const done = steps.filter((s) => s.finishedAt !== undefined || s.skipped === true).length;
  const total = steps.length > 0 ? steps.length : (m.spec.steps?.length ?? 4);
  const weights = status.weightsApplied ?? [];
  const created = m.metadata?.creationTimestamp;
  const deleting = m.metadata?.deletionTimestamp;
  return {
    name: m.metadata?.name ?? '',
    tenant: tenantOfNamespace(m.metadata?.namespace ?? '') ?? '',
    spec: m.spec,
    status: { ...rest, conditions: conditions ?? [] },
    progress: {
      phase: status.phase ?? 'Pending',
      percentDone: status.phase === 'Succeeded' ? 100 : Math.round((done / total) * 100),
      stepsDone: done,
      stepsTotal: total,
      ...(status.currentStep !== undefined ? { currentStep: status.currentStep } : {}),
      ...(status.nextStepAt !== undefined ? { nextStepAt: status.nextStepAt } : {}),
      toPercent: weights.length > 0 ? Math.min(...weights.map((w) => w.toPercent)) : 0,
      weights,
      gates: steps
        .filter((s) => s.gate !== undefined)
        .map((s) => ({ step: s.index, weightPercent: s.weightPercent, ...s.gate })),
      rejections: status.rejections ?? [],
    },
    ...(created !== undefined ? { createdAt: new Date(created).toISOString() } : {}),
    ...(deleting !== undefined ? { deletingSince: new Date(deleting).toISOString() } : {}),
    generation: m.metadata?.generation ?? 1,
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
}

/** checkMigrationPlan's rejections as 422 field problems, one per reason and service. */
export function planProblems(rejections: ServiceRejection[], prefix = 'spec'): FieldProblem[] {
  return rejections.map((r) => ({
    field:
      r.name !== undefined
        ? `${prefix}.services[${r.namespace ?? ''}/${r.name}]`
        : /step/i.test(r.reason + r.message)
          ? `${prefix}.steps`
          : prefix,
    message: `${r.reason}: ${r.message}`,
  }));
}

function checkSpec(spec: unknown): ClusterMigrationSpec {
  const problems = fieldProblemsOf([...Value.Errors(CLOSED_SPEC, spec)], 'spec');
  if (problems.length > 0) throw unprocessable(problems);
  const typed = spec as ClusterMigrationSpec;
  const plan = planProblems(checkMigrationPlan(typed));
  if (plan.length > 0) throw unprocessable(plan);
  return typed;
}

function requireMigration(ctx: ApiContext, tenant: string, name: string): ClusterMigration {
  requireTenant(ctx, tenant);
  const found = ctx.caches.migrations.get(name, tenantNamespace(tenant));
  if (found === undefined) throw new NotFoundError('migration', name);
  return found;
}

const OPERATIONS: Record<string, MigrationOperationType> = {
  pause: 'Pause',
  resume: 'Resume',
  abort: 'Abort',
  promote: 'Promote',
};

/** The spec edit an operation is (docs/migrations.md). */
function operationPatch(op: MigrationOperationType, at: string, by: string) {
  const action = (type: 'Resume' | 'Abort' | 'Promote') => ({
    type,
    requestedAt: at,
    requestedBy: by,
  });
  switch (op) {
    case 'Pause':
      return { paused: true };
    case 'Resume':
      return { paused: false, action: action('Resume') };
    case 'Abort':
      return { action: action('Abort') };
    case 'Promote':
      return { action: action('Promote') };
  }
}

/** 409 with the MigrationOperationError code as the problem's reason when `op` cannot apply. */
function checkOperation(m: ClusterMigration, op: MigrationOperationType, by: string): void {
  const result = applyOperation(m.status ?? {}, { type: op, requestedBy: by }, new Date());
  if (!result.ok) throw new ConflictError(result.error.code, result.error.message);
}

/** Operations a spec merge patch implies (paused flips, a new action). */
function impliedOperations(current: ClusterMigrationSpec, next: ClusterMigrationSpec) {
  const ops: MigrationOperationType[] = [];
  if (next.paused === true && current.paused !== true) ops.push('Pause');
  if (next.paused !== true && current.paused === true) ops.push('Resume');
  const a = next.action;
  if (
    a !== undefined &&
    (a.type !== current.action?.type || a.requestedAt !== current.action?.requestedAt)
  ) {
    ops.push(a.type);
  }
  return [...new Set(ops)];
}

export function registerMigrationRoutes(app: HubApiInstance, ctx: ApiContext): void {
  app.post(
    '/v1/tenants/:tenant/migrations',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary:
          'Start a ClusterMigration (202; the controller validates the clusters and services)',
        params: TenantParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateMigrationRequestSchema,
        response: {
          202: MigrationViewSchema,
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
        if (ctx.caches.migrations.get(name, namespace) !== undefined) {
          throw new ConflictError(
            'AlreadyExists',
            `migration "${name}" already exists in tenant "${tenant}"`,
          );
        }
        await ensureTenantNamespace(ctx.mgmt, tenant);
        const created = await ctx.mgmt.create<ClusterMigration>(CLUSTER_MIGRATIONS, {
          metadata: { name, namespace, labels: { [TENANT_LABEL]: tenant } },
          spec,
        });
        await ctx.caches.migrations.untilObserved(created);
        return {
          statusCode: 202,
          headers: { location: migrationLocation(tenant, name) },
          body: migrationView(created),
        };
      });
    },
  );

  app.get(
    '/v1/tenants/:tenant/migrations',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'List a tenant’s migrations with their progress',
        params: TenantParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: MigrationListSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const tenant = request.params.tenant;
      requireTenant(ctx, tenant);
      const all = ctx.caches.migrations.list(tenantNamespace(tenant));
      const page = paginate(all, (m) => m.metadata?.name ?? '', request.query);
      return { ...page, items: page.items.map(migrationView) };
    },
  );

  app.get(
    '/v1/tenants/:tenant/migrations/:name',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Get a migration: phase, progress, weights, gates, conditions',
        params: MigrationParamsSchema,
        response: { 200: MigrationViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) =>
      migrationView(requireMigration(ctx, request.params.tenant, request.params.name)),
  );

  app.patch(
    '/v1/tenants/:tenant/migrations/:name',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary:
          'Merge patch (RFC 7386) of {spec}; fromCluster, toCluster and services are immutable (422)',
        params: MigrationParamsSchema,
        body: PatchMigrationRequestSchema,
        response: {
          202: MigrationViewSchema,
          ...problemResponses(400, 401, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { tenant, name } = request.params;
      const current = requireMigration(ctx, tenant, name);
      const merged = applyMergePatch(current.spec, request.body.spec ?? {}) as Record<
        string,
        unknown
      >;
      const immutable = IMMUTABLE_MIGRATION_FIELDS.filter(
        (f) =>
          JSON.stringify(merged[f]) !==
          JSON.stringify((current.spec as unknown as Record<string, unknown>)[f]),
      ).map((f) => ({ field: `spec.${f}`, message: 'is immutable after creation' }));
      if (immutable.length > 0) throw unprocessable(immutable);
      const spec = checkSpec(merged);
      const by = principalId(principalOf(request));
      for (const op of impliedOperations(current.spec, spec)) checkOperation(current, op, by);
      return reply
        .code(202)
        .send(await writeSpec(ctx, current, (request.body.spec ?? {}) as Record<string, unknown>));
    },
  );

  app.delete(
    '/v1/tenants/:tenant/migrations/:name',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary:
          'Delete a migration record (202 while finalizers run, 204 when gone); weights stay as they are',
        params: MigrationParamsSchema,
        response: { 202: MigrationViewSchema, 204: Type.Null(), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { tenant, name } = request.params;
      requireMigration(ctx, tenant, name);
      const namespace = tenantNamespace(tenant);
      if (!(await ctx.mgmt.delete(CLUSTER_MIGRATIONS, { name, namespace }))) {
        throw new NotFoundError('migration', name);
      }
      await ctx.caches.migrations.untilDeleting(name, namespace);
      const remaining = ctx.caches.migrations.get(name, namespace);
      if (remaining === undefined) return reply.code(204).send(null);
      return reply
        .code(202)
        .header('location', migrationLocation(tenant, name))
        .send(migrationView(remaining));
    },
  );

  app.post(
    '/v1/tenants/:tenant/migrations/:name/:operation',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary:
          'pause | resume | abort | promote: a spec edit (202), or 409 when the phase does not allow it',
        params: Type.Object({
          tenant: Type.String({ maxLength: 63 }),
          name: Type.String({ maxLength: 63 }),
          operation: Type.Enum(['pause', 'resume', 'abort', 'promote']),
        }),
        response: { 202: MigrationViewSchema, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { tenant, name, operation } = request.params;
      const current = requireMigration(ctx, tenant, name);
      const op = OPERATIONS[operation];
      if (op === undefined) throw new NotFoundError('operation', operation);
      const by = principalId(principalOf(request));
      checkOperation(current, op, by);
      const patch = operationPatch(op, new Date().toISOString(), by);
      return reply
        .code(202)
        .header('location', migrationLocation(tenant, name))
        .send(await writeSpec(ctx, current, patch));
    },
  );
}

async function writeSpec(
  ctx: ApiContext,
  current: ClusterMigration,
  patch: Record<string, unknown>,
): Promise<MigrationView> {
  const key = { name: current.metadata?.name ?? '', namespace: current.metadata?.namespace ?? '' };
  // A merge patch of spec only: the controller's status writes in between do not conflict.
  const written = await ctx.mgmt.mergePatch<ClusterMigration>(CLUSTER_MIGRATIONS, key, {
    spec: patch,
  });
  await ctx.caches.migrations.untilObserved(written);
  return migrationView(ctx.caches.migrations.get(key.name, key.namespace) ?? written);
}
