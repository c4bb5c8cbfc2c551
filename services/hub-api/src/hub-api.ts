// createHubApi: the Fastify app with its informer caches, auth, one error handler, OpenAPI,
// metrics and the /v1 routes. Caches start when the app becomes ready and stop when it closes.
import Fastify, { type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { KubeConfig } from '@kubernetes/client-node';
import { NotFoundError } from '@trellis/core';
import { ResourceClient } from '@trellis/kube';
import pino, { type Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { authorize, type RouteAccess } from './auth/access-policy.ts';
import { Authenticator } from './auth/principal.ts';
import { ManagementCaches } from './cache/management-caches.ts';
import { sendProblem } from './http/error-handler.ts';
import { registerHttpMetrics } from './http/http-metrics.ts';
import { HttpProblemError } from './http/problem.ts';
import { RouteTable } from './http/route-table.ts';
import { IdempotencyStore } from './idempotency/idempotency-store.ts';
import { registerQueueBoard, type QueueBoardSettings } from './queue-board/queue-board.ts';
import type { ApiContext, HubApiInstance } from './routes/api-context.ts';
import { registerClusterRoutes } from './routes/cluster-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerMigrationRoutes } from './routes/migration-routes.ts';
import { registerScheduleRoutes } from './routes/schedule-routes.ts';
import { registerServiceRoutes } from './routes/service-routes.ts';
import { registerTenantRoutes } from './routes/tenant-routes.ts';
import { registerTokenRoutes } from './routes/token-routes.ts';

/** Request bodies are small JSON; a kubeconfig is the largest thing anyone sends. */
export const BODY_LIMIT_BYTES = 512 * 1024;

/** Never in a log line: credentials in headers, kubeconfigs and tokens anywhere we might log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  'authorization',
  'kubeconfig',
  '*.kubeconfig',
  'token',
  '*.token',
  'body',
  'req.body',
];

export interface HubApiOptions {
  /** the management cluster */
  kubeConfig: KubeConfig;
  adminToken: string;
  logger?: Logger;
  registry?: Registry;
  /** how long an Idempotency-Key is remembered (default 24 h) */
  idempotencyTtlMs?: number;
  /** Bull Board at /admin/queues over the hub's Redis; unset: the board answers 404 */
  queueBoard?: QueueBoardSettings;
}

export interface HubApiHandle {
  caches: ManagementCaches;
  registry: Registry;
}

declare module 'fastify' {
  interface FastifyInstance {
    hub: HubApiHandle;
  }
}

export async function createHubApi(options: HubApiOptions): Promise<HubApiInstance> {
  const base = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const logger = base.child(
    { component: 'hub-api' },
    {
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Request lines carry the headers (user agent, request id) with credentials redacted.
      serializers: { req: serializeRequest },
    },
  );
  // Typed as Fastify's logger so the instance's generics stay the default ones routes expect.
  const fastifyLogger: FastifyBaseLogger = logger;
  const registry = options.registry ?? new Registry();
  if (options.registry === undefined) collectDefaultMetrics({ register: registry });

  const caches = new ManagementCaches(options.kubeConfig, logger);
  const authenticator = new Authenticator(options.adminToken, caches.tokens);
  const ctx: ApiContext = {
    mgmt: new ResourceClient(options.kubeConfig, 'trellis-hub-api'),
    caches,
    idempotency: new IdempotencyStore(
      options.idempotencyTtlMs !== undefined ? { ttlMs: options.idempotencyTtlMs } : {},
    ),
  };

  const app = Fastify({
    loggerInstance: fastifyLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    ajv: {
      // Report every problem at once, and never rewrite the client's body behind its back.
      customOptions: {
        allErrors: true,
        removeAdditional: false,
        useDefaults: false,
        coerceTypes: false,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('hub', { caches, registry });
  app.decorateRequest('principal', undefined);

  // Response schemas document the API; bodies are plain JSON.stringify, so nothing a schema
  // forgot to list is silently dropped (status fields differ per kind).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // JSON only: no text/plain; merge patches parse as JSON.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    'application/merge-patch+json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  const routes = new RouteTable();
  routes.track(app);
  registerHttpMetrics(app, registry);

  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routes.allowed(path);
    if (allowed !== undefined) {
      return sendProblem(
        request,
        reply,
        new HttpProblemError(
          'methodNotAllowed',
          405,
          `${request.method} is not allowed on ${path}`,
          {
            allow: allowed.join(', '),
          },
        ),
      );
    }
    return sendProblem(request, reply, new NotFoundError('route', path));
  });

  app.addHook('onRequest', async (request) => {
    const access = accessOf(request);
    if (access === 'public') return;
    const principal = authenticator.authenticate(request.headers.authorization);
    request.principal = principal;
    authorize(principal, access, (request.params as { tenant?: string } | undefined)?.tenant);
  });
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    // A merge patch is only meaningful for PATCH.
    const type = request.headers['content-type'] ?? '';
    if (request.method !== 'PATCH' && type.startsWith('application/merge-patch+json')) {
      return sendProblem(
        request,
        reply,
        new HttpProblemError(
          'unsupportedMediaType',
          415,
          `${request.method} takes application/json`,
        ),
      );
    }
    return undefined;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trellis hub API',
        version: 'v1',
        description:
          'Tenants, workload clusters and tenant tokens. Errors are application/problem+json (RFC 9457).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await registerQueueBoard(app, {
    settings: options.queueBoard,
    authenticator,
    adminToken: options.adminToken,
  });
  registerHealthRoutes(app, caches, registry);
  registerTenantRoutes(app, ctx);
  registerClusterRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerMigrationRoutes(app, ctx);
  registerScheduleRoutes(app, ctx);
  registerServiceRoutes(app, ctx);

  app.addHook('onReady', async () => {
    await caches.start();
  });
  app.addHook('onClose', async () => {
    await caches.stop();
  });
  return app;
}

function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url,
    remoteAddress: request.ip,
    headers: { ...request.headers },
  };
}

/** Routes declare their access; an undeclared /v1 path still needs a valid token. */
function accessOf(request: FastifyRequest): RouteAccess {
  const declared = request.routeOptions.config.access;
  if (declared !== undefined) return declared;
  const path = request.url.split('?')[0] ?? '/';
  return path === '/v1' || path.startsWith('/v1/') ? 'any' : 'public';
}
