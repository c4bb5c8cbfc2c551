// /v1/tenants/{tenant}/clusters: register an EKS cluster (account, role, ExternalId, name,
// region) or any cluster by kubeconfig, which is stored as a Secret in the tenant namespace and
// never returned or logged; list, get, delete.
import Type from 'typebox';
import {
  checkWorkloadCluster,
  ConflictError,
  NotFoundError,
  tenantNamespace,
  type FieldProblem,
  type WorkloadClusterSpec,
} from '@trellis/core';
import { CoreResources, kubeConfigFromYaml, KubeconfigError } from '@trellis/kube';
import { paginate } from '../http/pagination.ts';
import {
  MANAGED_BY_LABELS,
  TENANT_LABEL,
  WORKLOAD_CLUSTERS,
  type Secret,
  type WorkloadCluster,
} from '../resources.ts';
import {
  ClusterListSchema,
  ClusterParamsSchema,
  ClusterViewSchema,
  CreateClusterRequestSchema,
} from '../schemas/cluster-schemas.ts';
import {
  ListQuerySchema,
  problemResponses,
  TenantParamsSchema,
} from '../schemas/common-schemas.ts';
import { clusterView } from '../views/resource-views.ts';
import type { ApiContext, HubApiInstance } from './api-context.ts';
import {
  ensureTenantNamespace,
  requireTenant,
  sendIdempotent,
  throwIfInvalid,
} from './route-support.ts';

const TAGS = ['clusters'];
export const KUBECONFIG_KEY = 'kubeconfig';

export function clusterLocation(tenant: string, name: string): string {
  return `/v1/tenants/${encodeURIComponent(tenant)}/clusters/${encodeURIComponent(name)}`;
}

export function kubeconfigSecretName(cluster: string): string {
  return `${cluster}-kubeconfig`;
}

export function registerClusterRoutes(app: HubApiInstance, ctx: ApiContext): void {
  app.post(
    '/v1/tenants/:tenant/clusters',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Register a workload cluster: EKS (spec.eks) or by kubeconfig (202)',
        params: TenantParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateClusterRequestSchema,
        response: { 202: ClusterViewSchema, ...problemResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const tenant = request.params.tenant;
      requireTenant(ctx, tenant, true);
      const { name, kubeconfig } = request.body;
      const spec: WorkloadClusterSpec = { ...request.body.spec };
      const problems: FieldProblem[] = [];
      if (kubeconfig !== undefined) {
        if (spec.kubeconfigSecretRef !== undefined) {
          problems.push({
            field: 'spec.kubeconfigSecretRef',
            message: 'set either kubeconfig or spec.kubeconfigSecretRef, not both',
          });
        }
        problems.push(...checkKubeconfig(kubeconfig));
        spec.kubeconfigSecretRef = { name: kubeconfigSecretName(name), key: KUBECONFIG_KEY };
      }
      problems.push(...checkWorkloadCluster(name, spec));
      throwIfInvalid(problems);
      return sendIdempotent(ctx, request, reply, async () => {
        const namespace = tenantNamespace(tenant);
        if (ctx.caches.clusters.get(name, namespace) !== undefined) {
          throw new ConflictError(
            'AlreadyExists',
            `cluster "${name}" already exists in tenant "${tenant}"`,
          );
        }
        await ensureTenantNamespace(ctx.mgmt, tenant);
        if (kubeconfig !== undefined) await writeKubeconfigSecret(ctx, tenant, name, kubeconfig);
        const created = await ctx.mgmt.create<WorkloadCluster>(WORKLOAD_CLUSTERS, {
          metadata: { name, namespace, labels: { [TENANT_LABEL]: tenant } },
          spec,
        });
        if (kubeconfig !== undefined) await ownSecretByCluster(ctx, created);
        await ctx.caches.clusters.untilObserved(created);
        return {
          statusCode: 202,
          headers: { location: clusterLocation(tenant, name) },
          body: clusterView(created),
        };
      });
    },
  );

  app.get(
    '/v1/tenants/:tenant/clusters',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'List a tenant’s clusters',
        params: TenantParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: ClusterListSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const tenant = request.params.tenant;
      requireTenant(ctx, tenant);
      const clusters = ctx.caches.clusters.list(tenantNamespace(tenant));
      const page = paginate(clusters, (c) => c.metadata?.name ?? '', request.query);
      return { ...page, items: page.items.map(clusterView) };
    },
  );

  app.get(
    '/v1/tenants/:tenant/clusters/:cluster',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Get a cluster with its status conditions',
        params: ClusterParamsSchema,
        response: { 200: ClusterViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) =>
      clusterView(requireCluster(ctx, request.params.tenant, request.params.cluster)),
  );

  app.delete(
    '/v1/tenants/:tenant/clusters/:cluster',
    {
      config: { access: 'tenant' },
      schema: {
        tags: TAGS,
        summary: 'Deregister a cluster (202 while the controller cleans up, 204 when gone)',
        params: ClusterParamsSchema,
        response: { 202: ClusterViewSchema, 204: Type.Null(), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { tenant, cluster: name } = request.params;
      requireCluster(ctx, tenant, name);
      const namespace = tenantNamespace(tenant);
      if (!(await ctx.mgmt.delete(WORKLOAD_CLUSTERS, { name, namespace }))) {
        throw new NotFoundError('cluster', name);
      }
      await ctx.caches.clusters.untilDeleting(name, namespace);
      const remaining = ctx.caches.clusters.get(name, namespace);
      if (remaining === undefined) return reply.code(204).send(null);
      return reply
        .code(202)
        .header('location', clusterLocation(tenant, name))
        .send(clusterView(remaining));
    },
  );
}

function requireCluster(ctx: ApiContext, tenant: string, name: string): WorkloadCluster {
  requireTenant(ctx, tenant);
  const cluster = ctx.caches.clusters.get(name, tenantNamespace(tenant));
  if (cluster === undefined) throw new NotFoundError('cluster', name);
  return cluster;
}

/** Parse only to reject garbage early; the error text never quotes the kubeconfig. */
function checkKubeconfig(kubeconfig: string): FieldProblem[] {
  try {
    kubeConfigFromYaml(kubeconfig);
    return [];
  } catch (error) {
    const message =
      error instanceof KubeconfigError ? error.message : 'the kubeconfig is not valid';
    return [{ field: 'kubeconfig', message }];
  }
}

async function writeKubeconfigSecret(
  ctx: ApiContext,
  tenant: string,
  cluster: string,
  kubeconfig: string,
): Promise<void> {
  const secret: Secret = {
    metadata: {
      name: kubeconfigSecretName(cluster),
      namespace: tenantNamespace(tenant),
      labels: { [TENANT_LABEL]: tenant, 'trellis.dev/cluster': cluster, ...MANAGED_BY_LABELS },
    },
    type: 'Opaque',
    data: { [KUBECONFIG_KEY]: Buffer.from(kubeconfig, 'utf8').toString('base64') },
  };
  // Apply, not create: a Secret left by an earlier cluster of the same name is replaced.
  await ctx.mgmt.apply(CoreResources.secrets, secret);
}

/** The Secret goes when its cluster goes (Kubernetes garbage collection by owner reference). */
async function ownSecretByCluster(ctx: ApiContext, cluster: WorkloadCluster): Promise<void> {
  const name = cluster.metadata?.name ?? '';
  const uid = cluster.metadata?.uid;
  if (uid === undefined) return;
  await ctx.mgmt.mergePatch(
    CoreResources.secrets,
    { name: kubeconfigSecretName(name), namespace: cluster.metadata?.namespace ?? '' },
    {
      metadata: {
        ownerReferences: [
          {
            apiVersion: 'trellis.dev/v1alpha1',
            kind: 'WorkloadCluster',
            name,
            uid,
            blockOwnerDeletion: false,
          },
        ],
      },
    },
  );
}
