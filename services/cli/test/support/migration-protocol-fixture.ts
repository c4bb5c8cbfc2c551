// PROTOCOL FIXTURE, not a server under test. hub-api has no migration routes yet; this node:http
// server answers /v1/tenants/{tenant}/migrations (and POST …/upgrade-schedules) the way the CLI expects them to look: REST views
// `{name, tenant, spec, status, createdAt, generation, observedGeneration}` whose spec and status
// are the ClusterMigration CRD's (packages/core/src/api/cluster-migration.ts), writes by POST
// `{name, spec}` and by JSON merge patch of `{spec}` (docs/api.md conventions). When the real
// routes land, the CLI tests against the sandbox should replace these.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  body: unknown;
}

export interface MigrationFixture {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Serve `frames` for GET …/migrations/{name}: one frame per GET, the last one repeated. */
export async function startMigrationFixture(frames: unknown[]): Promise<MigrationFixture> {
  const requests: RecordedRequest[] = [];
  let served = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const body = text === '' ? undefined : (JSON.parse(text) as unknown);
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        body,
      });
      const path = (req.url ?? '').split('?')[0] ?? '';
      const send = (status: number, payload: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(JSON.stringify(payload));
      };
      if (req.headers.authorization !== 'Bearer fixture-admin-token-0123456789') {
        send(
          401,
          {
            type: 'https://trellis.dev/problems/unauthorized',
            title: 'Authentication required',
            status: 401,
            detail: 'the bearer token is not valid',
          },
          'application/problem+json',
        );
        return;
      }
      const item = /^\/v1\/tenants\/acme\/migrations\/([^/]+)$/.exec(path);
      if (path === '/v1/tenants/acme/migrations' && req.method === 'POST') {
        const { name, spec } = body as { name: string; spec: unknown };
        send(202, {
          name,
          tenant: 'acme',
          spec,
          status: { conditions: [] },
          createdAt: new Date().toISOString(),
          generation: 1,
        });
      } else if (path === '/v1/tenants/acme/upgrade-schedules' && req.method === 'POST') {
        const { name, spec } = body as { name: string; spec: unknown };
        send(202, {
          name,
          spec,
          status: { conditions: [] },
          createdAt: new Date().toISOString(),
          generation: 1,
        });
      } else if (path === '/v1/tenants/acme/migrations' && req.method === 'GET') {
        send(200, { items: [frames.at(-1)] });
      } else if (item !== null && item[1] === 'm1' && req.method === 'GET') {
        const frame = frames[Math.min(served, frames.length - 1)];
        served++;
        send(200, frame);
      } else if (item !== null && item[1] === 'm1' && req.method === 'PATCH') {
        send(200, frames[Math.min(served, frames.length - 1)]);
      } else if (item !== null) {
        send(
          404,
          {
            type: 'https://trellis.dev/problems/not-found',
            title: 'Not found',
            status: 404,
            detail: `migration "${item[1]}" not found`,
          },
          'application/problem+json',
        );
      } else {
        send(
          404,
          {
            type: 'https://trellis.dev/problems/not-found',
            title: 'Not found',
            status: 404,
            detail: `route "${path}" not found`,
          },
          'application/problem+json',
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const T0 = '2026-11-23T16:00:00.000Z';
const steps = [
  { weightPercent: 10, pauseSeconds: 300 },
  { weightPercent: 50, pauseSeconds: 600 },
  { weightPercent: 100, pauseSeconds: 0 },
];

/** A migration blue → green of shop/checkout, in the given phase and progress. */
export function migrationFrame(
  phase: string,
  done: number,
  toPercent: number,
  extra: Record<string, unknown> = {},
): unknown {
  const stepStates = steps.slice(0, Math.min(steps.length, done + 1)).map((s, index) => ({
    index,
    weightPercent: s.weightPercent,
    ...(index <= done && toPercent >= s.weightPercent ? { appliedAt: T0 } : {}),
    ...(index < done
      ? { finishedAt: T0, gate: { result: 'Passed', observedRatio: 1 } }
      : { gate: { result: 'Pending', observedRatio: 0.5 } }),
  }));
  return {
    name: 'm1',
    tenant: 'acme',
    spec: {
      fromCluster: 'blue',
      toCluster: 'green',
      services: { list: [{ namespace: 'shop', name: 'checkout' }] },
      steps,
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: phase === 'Succeeded' ? 'True' : 'False',
          reason: phase,
          message: '',
          lastTransitionTime: T0,
        },
      ],
      phase,
      currentStep: Math.min(done, steps.length - 1),
      stepStates,
      weightsApplied: [
        {
          namespace: 'shop',
          name: 'checkout',
          fromPercent: 100 - toPercent,
          toPercent,
          appliedAt: T0,
        },
      ],
      ...extra,
    },
    createdAt: T0,
    generation: 1,
    observedGeneration: 1,
  };
}
