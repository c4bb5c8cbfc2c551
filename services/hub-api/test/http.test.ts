// The HTTP surface around the resources: unknown routes and methods, OpenAPI, health,
// readiness, metrics, request logs, and one real listening server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  ADMIN_TOKEN,
  createTenant,
  json,
  mintToken,
  startHarness,
  type Harness,
} from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await createTenant(h, 'acme');
});
afterAll(async () => {
  await h.stop();
});

describe('routing', () => {
  it('an unknown route is a 404 problem', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1/widgets', headers: ADMIN });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(json(response)).toMatchObject({
      type: 'https://trellis.dev/problems/not-found',
      status: 404,
      instance: '/v1/widgets',
    });
    expect((await h.app.inject({ method: 'GET', url: '/nope' })).statusCode).toBe(404);
  });

  it('a known path with another method is a 405 with Allow', async () => {
    for (const [method, url] of [
      ['DELETE', '/v1/tenants'],
      ['PATCH', '/v1/tenants/acme/clusters/blue'],
      ['PUT', '/v1/tenants/acme/tokens'],
    ] as const) {
      const response = await h.app.inject({ method, url, headers: ADMIN });
      expect(response.statusCode, `${method} ${url}`).toBe(405);
      expect(json(response).type).toBe('https://trellis.dev/problems/method-not-allowed');
      expect(response.headers.allow).toEqual(expect.stringContaining('GET'));
    }
  });
});

describe('OpenAPI', () => {
  it('is valid JSON, documents every /v1 route and the problem format', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = JSON.parse(response.body) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'POST /v1/tenants',
        'GET /v1/tenants',
        'GET /v1/tenants/{tenant}',
        'PUT /v1/tenants/{tenant}',
        'PATCH /v1/tenants/{tenant}',
        'DELETE /v1/tenants/{tenant}',
        'POST /v1/tenants/{tenant}/clusters',
        'GET /v1/tenants/{tenant}/clusters',
        'GET /v1/tenants/{tenant}/clusters/{cluster}',
        'DELETE /v1/tenants/{tenant}/clusters/{cluster}',
        'POST /v1/tenants/{tenant}/tokens',
        'GET /v1/tenants/{tenant}/tokens',
        'DELETE /v1/tenants/{tenant}/tokens/{tokenId}',
        'POST /v1/tenants/{tenant}/migrations',
        'GET /v1/tenants/{tenant}/migrations',
        'GET /v1/tenants/{tenant}/migrations/{name}',
        'PATCH /v1/tenants/{tenant}/migrations/{name}',
        'DELETE /v1/tenants/{tenant}/migrations/{name}',
        'POST /v1/tenants/{tenant}/migrations/{name}/{operation}',
        'POST /v1/tenants/{tenant}/upgrade-schedules',
        'GET /v1/tenants/{tenant}/upgrade-schedules',
        'GET /v1/tenants/{tenant}/upgrade-schedules/{name}',
        'PATCH /v1/tenants/{tenant}/upgrade-schedules/{name}',
        'DELETE /v1/tenants/{tenant}/upgrade-schedules/{name}',
        'POST /v1/tenants/{tenant}/upgrade-schedules/{name}/{operation}',
        'GET /v1/tenants/{tenant}/services',
        'GET /v1/tenants/{tenant}/services/{namespace}/{name}',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/v1/tenants']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '400', '401', '409', '415']),
    );
    expect(response.body).toContain('networkAccount');
  });

  it('serves interactive docs at /docs', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});

describe('health, readiness and metrics', () => {
  it('/healthz and /readyz answer 200 once the caches are synced', async () => {
    expect(json(await h.app.inject({ method: 'GET', url: '/healthz' }))).toEqual({ status: 'ok' });
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(json(ready)).toMatchObject({
      ready: true,
      caches: { tenants: { synced: true, connected: true } },
    });
  });

  it('/metrics counts requests by route pattern and status', async () => {
    await h.app.inject({ method: 'GET', url: '/v1/tenants/acme', headers: ADMIN });
    await h.app.inject({ method: 'GET', url: '/v1/tenants/nope', headers: ADMIN });
    const metrics = (await h.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain(
      'trellis_hub_api_http_requests_total{method="GET",route="/v1/tenants/:tenant",status="200"}',
    );
    expect(metrics).toContain(
      'trellis_hub_api_http_requests_total{method="GET",route="/v1/tenants/:tenant",status="404"}',
    );
    expect(metrics).toContain('trellis_hub_api_http_request_duration_seconds_bucket');
    expect(metrics).not.toContain('route="/v1/tenants/acme"');
  });
});

describe('request logs', () => {
  it('carry the request line but never the Authorization header or tokens', async () => {
    const token = await mintToken(h, 'acme');
    await h.app.inject({
      method: 'GET',
      url: '/v1/tenants/acme',
      headers: { authorization: `Bearer ${token}`, 'user-agent': 'log-test' },
    });
    await h.app.inject({
      method: 'GET',
      url: '/v1/tenants',
      headers: { authorization: 'Bearer wrong-token-leak-check' },
    });
    const requestLines = h.logs.filter((l) => l.includes('log-test'));
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.join('\n')).toContain('[redacted]');
    for (const line of h.logs) {
      expect(line).not.toContain(token);
      expect(line).not.toContain('trls_');
      expect(line).not.toContain(ADMIN_TOKEN);
      expect(line).not.toContain('wrong-token-leak-check');
    }
  });
});

describe('a real listening server', () => {
  it('serves the API over HTTP', async () => {
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/v1/tenants/acme`, { headers: ADMIN });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { name: string }).name).toBe('acme');
    const bad = await fetch(`${address}/v1/tenants`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
