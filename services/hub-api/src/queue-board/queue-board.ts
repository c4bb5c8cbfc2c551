// Bull Board for the hub's BullMQ queues at /admin/queues, for the operator only: the admin
// token as a bearer header (scripts, curl) or a short-lived signed HttpOnly cookie that
// `POST /admin/queues/login` sets (browsers cannot add headers to the board's asset requests).
// Tenant tokens get 403. Without REDIS_URL every board path answers a 404 problem saying so.
// docs/decisions/0012-bull-board.md says why Bull Board and how it is wired.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { ForbiddenError, UnauthorizedError, DependencyError } from '@trellis/core';
import { redisConnectionOptions } from '@trellis/queue';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Authenticator } from '../auth/principal.ts';
import { sendProblem } from '../http/error-handler.ts';
import { HttpProblemError } from '../http/problem.ts';
import type { HubApiInstance } from '../routes/api-context.ts';
import { HubQueues } from './hub-queues.ts';
import { BoardSessions, DEFAULT_SESSION_TTL_SECONDS, SESSION_COOKIE } from './session.ts';

export const QUEUE_BOARD_PATH = '/admin/queues';
const LOGIN_PATH = `${QUEUE_BOARD_PATH}/login`;
const LOGOUT_PATH = `${QUEUE_BOARD_PATH}/logout`;
/** How stale the discovered queue list may be before a board request looks again. */
const DISCOVERY_INTERVAL_MS = 5_000;

export interface QueueBoardSettings {
  /** redis:// or rediss:// URL of the hub's Redis (the hub-controller's REDIS_URL) */
  redisUrl: string;
  /** the hub-controller's TRELLIS_HUB_ID: queues live under `trellis:<hubId>` */
  hubId: string;
  /** show exactly these queues; unset or empty: every queue found in Redis */
  queues?: readonly string[];
  /** hide retry/clean/pause/obliterate actions (default true) */
  readOnly?: boolean;
  /** lifetime of the browser session cookie (default 30 min) */
  sessionTtlSeconds?: number;
}

export interface QueueBoardOptions {
  settings: QueueBoardSettings | undefined;
  authenticator: Authenticator;
  adminToken: string;
}

export async function registerQueueBoard(
  app: HubApiInstance,
  options: QueueBoardOptions,
): Promise<void> {
  await app.register(async (scope) => {
    const sessions = new BoardSessions(
      options.adminToken,
      options.settings?.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    );
    scope.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config.access === 'public') return undefined;
      try {
        authenticateOperator(request, options.authenticator, sessions);
        return undefined;
      } catch (error) {
        if (
          error instanceof UnauthorizedError &&
          request.method === 'GET' &&
          request.headers.authorization === undefined &&
          (request.headers.accept ?? '').includes('text/html')
        ) {
          return reply.redirect(LOGIN_PATH, 303);
        }
        return sendProblem(request, reply, error);
      }
    });

    const settings = options.settings;
    if (settings === undefined) {
      const notConfigured = (request: FastifyRequest, reply: FastifyReply) =>
        sendProblem(
          request,
          reply,
          new HttpProblemError(
            'notFound',
            404,
            'the queue board is not configured: hub-api runs without REDIS_URL',
          ),
        );
      scope.all(QUEUE_BOARD_PATH, { schema: { hide: true } }, notConfigured);
      scope.all(`${QUEUE_BOARD_PATH}/*`, { schema: { hide: true } }, notConfigured);
      return;
    }

    registerLogin(scope, options.authenticator, sessions);

    const redis = new Redis({
      ...redisConnectionOptions(settings.redisUrl),
      // A dashboard should fail fast while Redis is away instead of queueing commands.
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    let redisDown = false;
    redis.on('error', (error: Error) => {
      if (!redisDown) scope.log.warn({ err: error.message }, 'queue board: Redis unreachable');
      redisDown = true;
    });
    redis.on('ready', () => {
      redisDown = false;
    });
    const queues = new HubQueues(redis, settings.hubId, settings.queues, (error) =>
      scope.log.debug({ err: error.message }, 'queue board: queue error'),
    );
    const readOnly = settings.readOnly ?? true;
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_BOARD_PATH);
    const board = createBullBoard({
      queues: [],
      serverAdapter,
      options: { uiConfig: { boardTitle: `Trellis ${settings.hubId}` } },
    });
    let refreshedAt = 0;
    const refresh = async () => {
      if (Date.now() - refreshedAt < DISCOVERY_INTERVAL_MS) return;
      const current = await queues.current();
      board.replaceQueues(
        current.map(
          (queue) => new BullMQAdapter(queue, { readOnlyMode: readOnly, allowRetries: !readOnly }),
        ),
      );
      refreshedAt = Date.now();
    };
    // After authentication (hooks run in order): only the operator triggers Redis reads.
    scope.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config.access === 'public') return undefined;
      if (!request.url.startsWith(`${QUEUE_BOARD_PATH}/api/`)) return undefined;
      try {
        await refresh();
        return undefined;
      } catch (error) {
        scope.log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'queue board: queue discovery failed',
        );
        return sendProblem(
          request,
          reply,
          new DependencyError('redis', 'the hub Redis is not reachable; retry later', 5),
        );
      }
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    scope.addHook('onClose', async () => {
      await queues.close();
      redis.disconnect();
    });
  });
}

/** The operator, by bearer admin token or board session cookie; anything else throws. */
function authenticateOperator(
  request: FastifyRequest,
  authenticator: Authenticator,
  sessions: BoardSessions,
): void {
  if (request.headers.authorization === undefined && sessions.valid(request.headers.cookie)) {
    return;
  }
  const principal = authenticator.authenticate(request.headers.authorization);
  request.principal = principal;
  if (principal.kind !== 'admin') {
    throw new ForbiddenError('the queue board is for the operator: use the admin token');
  }
}

function registerLogin(
  scope: HubApiInstance,
  authenticator: Authenticator,
  sessions: BoardSessions,
): void {
  // The login form posts application/x-www-form-urlencoded; only this scope parses it.
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  scope.get(
    LOGIN_PATH,
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        )
        .send(LOGIN_PAGE),
  );

  scope.post(
    LOGIN_PATH,
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const form = isForm(request);
      const fromBody = (request.body as { token?: unknown } | undefined)?.token;
      const authorization =
        request.headers.authorization ??
        (typeof fromBody === 'string' && fromBody !== '' ? `Bearer ${fromBody}` : undefined);
      try {
        const principal = authenticator.authenticate(authorization);
        if (principal.kind !== 'admin') {
          throw new ForbiddenError('the queue board is for the operator: use the admin token');
        }
      } catch (error) {
        if (form && error instanceof UnauthorizedError) {
          return reply
            .code(401)
            .type('text/html; charset=utf-8')
            .header('cache-control', 'no-store')
            .send(
              LOGIN_PAGE.replace(
                '<!--error-->',
                '<p class="error">That is not the admin token.</p>',
              ),
            );
        }
        return sendProblem(request, reply, error);
      }
      reply.header('set-cookie', sessionCookie(request, sessions.issue(), sessions.maxAgeSeconds));
      reply.header('cache-control', 'no-store');
      return form ? reply.redirect(`${QUEUE_BOARD_PATH}/`, 303) : reply.code(204).send();
    },
  );

  scope.post(
    LOGOUT_PATH,
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      reply.header('set-cookie', sessionCookie(request, '', 0));
      return isForm(request) ? reply.redirect(LOGIN_PATH, 303) : reply.code(204).send();
    },
  );
}

function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** HttpOnly, SameSite=Strict (no cross-site use of the board's actions), Secure behind TLS. */
function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const tls =
    request.protocol === 'https' ||
    String(request.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https';
  return [
    `${SESSION_COOKIE}=${value}`,
    `Path=${QUEUE_BOARD_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(tls ? ['Secure'] : []),
  ].join('; ');
}

const LOGIN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Trellis queue board: sign in</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; }
input { width: 100%; padding: .5rem; margin: .5rem 0; box-sizing: border-box; }
button { padding: .5rem 1rem; }
.error { color: #b00020; }
</style>
</head>
<body>
<h1>Trellis queue board</h1>
<p>Paste the hub's admin token. It is checked once; the browser then keeps a short-lived,
HttpOnly session cookie, never the token.</p>
<!--error-->
<form method="post" action="${LOGIN_PATH}">
<label for="token">Admin token</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Sign in</button>
</form>
</body>
</html>
`;
