// What route handlers share: the management-cluster client, the caches, idempotency, and the
// typed Fastify instance they register on.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ResourceClient } from '@trellis/kube';
import type { RouteAccess } from '../auth/access-policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { ManagementCaches } from '../cache/management-caches.ts';
import type { IdempotencyStore } from '../idempotency/idempotency-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export type HubApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ApiContext {
  mgmt: ResourceClient;
  caches: ManagementCaches;
  idempotency: IdempotencyStore;
}
