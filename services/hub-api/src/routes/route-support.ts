// Small pieces every resource route uses: who is calling, does the tenant exist, the tenant
// namespace, and Idempotency-Key handling for POST.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ConflictError,
  NotFoundError,
  tenantNamespace,
  UnauthorizedError,
  ValidationError,
  type FieldProblem,
} from '@trellis/core';
import { CoreResources, isConflict, type ResourceClient } from '@trellis/kube';
import { digestOf, principalId, type Principal } from '../auth/principal.ts';
import { canonicalJson, type StoredResponse } from '../idempotency/idempotency-store.ts';
import { MANAGED_BY_LABELS, TENANT_LABEL, type Tenant } from '../resources.ts';
import type { ApiContext } from './api-context.ts';

export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new UnauthorizedError();
  return request.principal;
}

/** The tenant from the cache; absent or (for writes) being deleted are answered here. */
export function requireTenant(ctx: ApiContext, name: string, forWrite = false): Tenant {
  const tenant = ctx.caches.tenants.get(name);
  if (tenant === undefined) throw new NotFoundError('tenant', name);
  if (forWrite && tenant.metadata?.deletionTimestamp !== undefined) {
    throw new ConflictError('TenantDeleting', `tenant "${name}" is being deleted`);
  }
  return tenant;
}

/** Core's checks name `metadata.name`; in a REST body the field is `name`. */
export function restFields(problems: FieldProblem[]): FieldProblem[] {
  return problems.map((p) => (p.field === 'metadata.name' ? { ...p, field: 'name' } : p));
}

export function throwIfInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationError(restFields(problems));
}

/**
 * The tenant controller creates `tenant-<name>`, but a cluster or token may be added before it
 * has run. Create the namespace with the same labels the controller applies, so its later
 * server-side apply simply adopts it.
 */
export async function ensureTenantNamespace(mgmt: ResourceClient, tenant: string): Promise<string> {
  const name = tenantNamespace(tenant);
  const existing = await mgmt.get(CoreResources.namespaces, { name });
  if (existing?.metadata?.deletionTimestamp !== undefined) {
    throw new ConflictError(
      'NamespaceTerminating',
      `namespace ${name} is being deleted; retry later`,
    );
  }
  if (existing !== undefined) return name;
  try {
    await mgmt.create(CoreResources.namespaces, {
      metadata: { name, labels: { [TENANT_LABEL]: tenant, ...MANAGED_BY_LABELS } },
    });
  } catch (error) {
    if (!isConflict(error)) throw error; // created meanwhile by the controller: fine
  }
  return name;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Run a POST's work once per Idempotency-Key (scoped to the caller and the path) and send its
 * response; without the header, just run it.
 */
export async function sendIdempotent(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<StoredResponse>,
): Promise<FastifyReply> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return sendStored(reply, await work());
  const key = Array.isArray(header) ? header.join(',') : header;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError([
      { field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' },
    ]);
  }
  const scope = `${principalId(principalOf(request))} ${request.method} ${request.url.split('?')[0]}`;
  const result = await ctx.idempotency.run(scope, key, digestOf(canonicalJson(request.body)), work);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return sendStored(reply, result);
}

function sendStored(reply: FastifyReply, response: StoredResponse): FastifyReply {
  return reply.code(response.statusCode).headers(response.headers).send(response.body);
}
