// /v1/tenants/{tenant}/services: the tenant's multi-cluster services, read-only, from the
// MultiClusterService read model the hub-controller writes in tenant-<tenant> (one per exported
// namespace/name, named `<namespace>.<name>`): exporting clusters, weights, target health, the
// Lattice DNS name, conditions. Served from the informer cache.
import Type, { type Static } from 'typebox';
import {
  ConditionSchema,
  MultiClusterServiceClusterSchema,
  MultiClusterServicePortSchema,
  multiClusterServiceName,
  NotFoundError,
  TargetCountsSchema,
  tenantNamespace,
  tenantOfNamespace,
} from '@trellis/core';
import { paginate } from '../http/pagination.ts';
import type { MultiClusterService } from '../resources.ts';
import {
  ListQuerySchema,
  problemResponses,
  TenantParamsSchema,
} from '../schemas/common-schemas.ts';
import type { ApiContext, HubApiInstance } from './api-context.ts';
import { requireTenant } from './route-support.ts';

const TAGS = ['services'];

const ServiceParamsSchema = Type.Object({
  tenant: Type.String({ maxLength: 63 }),
  namespace: Type.String({ maxLength: 63 }),
  name: Type.String({ maxLength: 63 }),
});

const ServiceViewSchema = Type.Object(
  {
    namespace: Type.String(),
    name: Type.String(),
    tenant: Type.String(),
    dnsName: Type.Optional(Type.String({ description: 'the Lattice DNS name clients call' })),
    latticeService: Type.Optional(
      Type.Object({
        name: Type.String(),
        accountId: Type.String(),
        arn: Type.Optional(Type.String()),
      }),
    ),
    type: Type.Optional(Type.String()),
    ports: Type.Array(MultiClusterServicePortSchema),
    exportingClusters: Type.Array(Type.String()),
    clusters: Type.Array(MultiClusterServiceClusterSchema, {
      description: 'every cluster with an export: reachability, Lattice weight, target health',
    }),
    targets: Type.Optional(TargetCountsSchema),
    unreachableClusters: Type.Array(Type.String()),
    status: Type.Object({
      conditions: Type.Array(ConditionSchema, { description: 'Ready and Degraded, with reasons' }),
      observedAt: Type.Optional(Type.String({ format: 'date-time' })),
    }),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { title: 'MultiClusterService' },
);

export type ServiceView = Static<typeof ServiceViewSchema>;

export function serviceView(s: MultiClusterService): ServiceView {
  const status = s.status ?? {};
  const exporting = (status.exportingClusters ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const lattice = status.latticeService;
  const created = s.metadata?.creationTimestamp;
  return {
    namespace: s.spec.namespace,
    name: s.spec.name,
    tenant: tenantOfNamespace(s.metadata?.namespace ?? '') ?? '',
    ...(lattice?.dnsName !== undefined ? { dnsName: lattice.dnsName } : {}),
    ...(lattice !== undefined
      ? {
          latticeService: {
            name: lattice.name,
            accountId: lattice.accountId,
            ...(lattice.arn !== undefined ? { arn: lattice.arn } : {}),
          },
        }
      : {}),
    ...(status.type !== undefined ? { type: status.type } : {}),
    ports: status.ports ?? [],
    exportingClusters: exporting,
    clusters: status.clusters ?? [],
    ...(status.targets !== undefined ? { targets: status.targets } : {}),
    unreachableClusters: status.unreachableClusters ?? [],
    status: {
      conditions: status.conditions ?? [],
      ...(status.observedAt !== undefined ? { observedAt: status.observedAt } : {}),
    },
    ...(created !== undefined ? { createdAt: new Date(created).toISOString() } : {}),
  };
}

export function registerServiceRoutes(app: HubApiInstance, ctx: ApiContext): void {
  const base = '/v1/tenants/:tenant/services';
  app.get(
    base,
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'List a tenant’s multi-cluster services (exported Services)',
        params: TenantParamsSchema,
        querystring: ListQuerySchema,
        response: {
          200: Type.Object({
            items: Type.Array(ServiceViewSchema),
            continue: Type.Optional(Type.String()),
          }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const tenant = request.params.tenant;
      requireTenant(ctx, tenant);
      const all = ctx.caches.services.list(tenantNamespace(tenant));
      const page = paginate(all, (s) => s.metadata?.name ?? '', request.query);
      return { ...page, items: page.items.map(serviceView) };
    },
  );

  app.get(
    `${base}/:namespace/:name`,
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Get one multi-cluster service: clusters, weights, target health, DNS name',
        params: ServiceParamsSchema,
        response: { 200: ServiceViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const { tenant, namespace, name } = request.params;
      requireTenant(ctx, tenant);
      const found = ctx.caches.services.get(
        multiClusterServiceName(namespace, name),
        tenantNamespace(tenant),
      );
      if (found === undefined) throw new NotFoundError('service', `${namespace}/${name}`);
      return serviceView(found);
    },
  );
}
