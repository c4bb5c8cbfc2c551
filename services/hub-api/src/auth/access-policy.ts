// What each principal may do. Tenant tokens see only their own tenant: anything of another
// tenant answers 404 exactly as if it did not exist, so tenant names do not leak.
import { ForbiddenError, NotFoundError, assertNever } from '@trellis/core';
import type { Principal } from './principal.ts';

export type RouteAccess =
  /** no token needed (health, docs, metrics) */
  | 'public'
  /** admin only, no tenant in the path (create a tenant) */
  | 'admin'
  /** any principal; the handler filters (list tenants) */
  | 'any'
  /** admin, or a tenant token of the path's tenant */
  | 'tenant'
  /** admin only, on a path naming a tenant (replace/patch/delete a tenant) */
  | 'tenant-admin';

export function authorize(
  principal: Principal,
  access: RouteAccess,
  tenant: string | undefined,
): void {
  if (principal.kind === 'admin') return;
  switch (access) {
    case 'public':
    case 'any':
      return;
    case 'admin':
      throw new ForbiddenError('tenant tokens cannot create tenants; use the admin token');
    case 'tenant':
      if (tenant !== principal.tenant) throw new NotFoundError('tenant', tenant ?? '');
      return;
    case 'tenant-admin':
      if (tenant !== principal.tenant) throw new NotFoundError('tenant', tenant ?? '');
      throw new ForbiddenError(
        'tenant tokens cannot change or delete their tenant; use the admin token',
      );
    default:
      assertNever(access);
  }
}
