// Liveness, readiness, metrics: unauthenticated, for the kubelet and Prometheus.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { ManagementCaches } from '../cache/management-caches.ts';

export function registerHealthRoutes(
  app: FastifyInstance,
  caches: ManagementCaches,
  registry: Registry,
): void {
  const hidden = { hide: true };
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { ...hidden, summary: 'process is up' } },
    async () => ({
      status: 'ok',
    }),
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: { ...hidden, summary: 'caches synced and management cluster reachable' },
    },
    async (_request, reply) => {
      const readiness = caches.readiness();
      return reply
        .code(readiness.ready ? 200 : 503)
        .send({ status: readiness.ready ? 'ready' : 'not-ready', ...readiness });
    },
  );
  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { ...hidden } },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}
