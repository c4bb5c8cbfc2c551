// Bad input on every route is a 4xx problem naming what is wrong, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANTS, WORKLOAD_CLUSTERS } from '../src/resources.ts';
import {
  ADMIN,
  createTenant,
  eksClusterBody,
  json,
  startHarness,
  tenantBody,
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

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

const BODY_ROUTES = [
  { method: 'POST', url: '/v1/tenants' },
  { method: 'PUT', url: '/v1/tenants/acme' },
  { method: 'PATCH', url: '/v1/tenants/acme' },
  { method: 'POST', url: '/v1/tenants/acme/clusters' },
  { method: 'POST', url: '/v1/tenants/acme/tokens' },
] as const;

async function send(
  method: string,
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  const response = await h.app.inject({
    method: method as 'POST',
    url,
    headers: { ...ADMIN, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { response, problem: json<Problem>(response) };
}

function fields(problem: Problem): string[] {
  return (problem.errors ?? []).map((e) => e.field);
}

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  slug: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = JSON.parse(response.body) as Problem;
  expect(body).toMatchObject({
    type: `https://trellis.dev/problems/${slug}`,
    status,
    title: expect.any(String) as string,
    detail: expect.any(String) as string,
  });
  expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
}

describe.each(BODY_ROUTES)('$method $url', ({ method, url }) => {
  it('malformed JSON is a 400', async () => {
    const { response } = await send(method, url, '{"name": "x",');
    expectProblem(response, 400, 'malformed-json');
  });

  it('an empty JSON body is a 400', async () => {
    const response = await h.app.inject({
      method,
      url,
      headers: { ...ADMIN, 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
  });

  it('a non-object body is a 400', async () => {
    const { response } = await send(method, url, '[1,2]');
    expectProblem(response, 400, 'validation');
  });

  it('a wrong content type is a 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await h.app.inject({
        method,
        url,
        headers: { ...ADMIN, 'content-type': type },
        payload: 'name=x',
      });
      expectProblem(response, 415, 'unsupported-media-type');
    }
  });

  it('a huge body is a 413', async () => {
    const { response } = await send(method, url, { name: 'x', padding: 'x'.repeat(600 * 1024) });
    expectProblem(response, 413, 'payload-too-large');
  });

  it('unknown fields are a 400 naming them', async () => {
    const { response, problem } = await send(method, url, { name: 'x', spec: {}, surprise: true });
    expectProblem(response, 400, 'validation');
    expect(fields(problem)).toContain('surprise');
  });
});

describe('tenant bodies', () => {
  it('missing fields are listed, all at once', async () => {
    const { response, problem } = await send('POST', '/v1/tenants', {
      spec: { networkAccount: {} },
    });
    expectProblem(response, 400, 'validation');
    expect(fields(problem)).toEqual(
      expect.arrayContaining([
        'name',
        'spec.networkAccount.accountId',
        'spec.networkAccount.roleArn',
        'spec.networkAccount.region',
      ]),
    );
  });

  it.each([
    ['bad account id', { accountId: '12345' }, 'spec.networkAccount.accountId'],
    [
      'role in another account',
      { roleArn: 'arn:aws:iam::999999999999:role/TrellisNetworkAdmin' },
      'spec.networkAccount.roleArn',
    ],
    [
      'not a role ARN',
      { roleArn: 'arn:aws:iam::222222222222:user/bob' },
      'spec.networkAccount.roleArn',
    ],
    ['bad ExternalId', { externalId: 'no spaces allowed' }, 'spec.networkAccount.externalId'],
    ['bad region', { region: 'moon-base-1x' }, 'spec.networkAccount.region'],
    ['unknown field deep down', { secretKey: 'x' }, 'spec.networkAccount.secretKey'],
  ])('%s is a 400 naming the field (POST and PUT)', async (_what, override, field) => {
    const post = await send('POST', '/v1/tenants', tenantBody('valid-name', override));
    expectProblem(post.response, 400, 'validation');
    expect(fields(post.problem)).toContain(field);
    const put = await send('PUT', '/v1/tenants/valid-name', tenantBody('valid-name', override));
    expect(put.response.statusCode).toBe(400);
    expect(fields(put.problem)).toContain(field);
  });

  it.each(['A', 'Acme', 'a--b', '-acme', 'x'.repeat(41), 'acme_1', 'a'])(
    'bad tenant name %j is a 400',
    async (name) => {
      const { response, problem } = await send('POST', '/v1/tenants', tenantBody(name));
      expectProblem(response, 400, 'validation');
      expect(fields(problem)).toContain('name');
    },
  );

  it('semantic problems are listed together', async () => {
    const { problem } = await send('POST', '/v1/tenants', {
      name: 'Bad--Name',
      spec: {
        networkAccount: {
          accountId: '222222222222',
          roleArn: 'arn:aws:iam::333333333333:role/R',
          region: 'us-west-2',
        },
        serviceNetwork: { authPolicy: { Version: '2012-10-17' } },
      },
    });
    expect(fields(problem)).toEqual(
      expect.arrayContaining([
        'name',
        'spec.networkAccount.roleArn',
        'spec.serviceNetwork.authPolicy',
      ]),
    );
  });

  it('nothing was written by any rejected request', async () => {
    const list = await h.mgmt.list(TENANTS);
    expect(list.items.map((t) => t.metadata?.name)).toEqual(['acme']);
  });

  it('PATCH of a tenant that does not exist is a 404; a merge patch on POST is a 415', async () => {
    const patch = await send('PATCH', '/v1/tenants/nope', { spec: { displayName: 'x' } });
    expectProblem(patch.response, 404, 'not-found');
    const post = await send('POST', '/v1/tenants', tenantBody('x1'), {
      'content-type': 'application/merge-patch+json',
    });
    expectProblem(post.response, 415, 'unsupported-media-type');
  });
});

describe('cluster bodies', () => {
  const url = '/v1/tenants/acme/clusters';
  it.each([
    ['bad account id', { accountId: '33333333333' }, 'spec.eks.accountId'],
    [
      'role in another account',
      { roleArn: 'arn:aws:iam::222222222222:role/TrellisClusterAdmin' },
      'spec.eks.roleArn',
    ],
    ['bad ExternalId', { externalId: 'x' }, 'spec.eks.externalId'],
    ['bad region', { region: 'uswest2' }, 'spec.eks.region'],
    ['bad EKS cluster name', { clusterName: '-nope' }, 'spec.eks.clusterName'],
    ['missing clusterName', { clusterName: undefined }, 'spec.eks.clusterName'],
    ['unknown field', { token: 'abc' }, 'spec.eks.token'],
  ])('%s is a 400 naming the field', async (_what, override, field) => {
    const { response, problem } = await send('POST', url, eksClusterBody('blue', override));
    expectProblem(response, 400, 'validation');
    expect(fields(problem)).toContain(field);
  });

  it.each(['Blue', 'a--b', 'blue_1', 'x'.repeat(41), ''])(
    'bad cluster name %j is a 400',
    async (name) => {
      const { response, problem } = await send('POST', url, eksClusterBody(name));
      expectProblem(response, 400, 'validation');
      expect(fields(problem)).toContain('name');
    },
  );

  it('neither EKS nor kubeconfig, or both, is a 400', async () => {
    const neither = await send('POST', url, { name: 'blue', spec: {} });
    expect(fields(neither.problem)).toContain('spec');
    const both = await send('POST', url, {
      ...eksClusterBody('blue'),
      kubeconfig: 'apiVersion: v1\nkind: Config\n',
    });
    expect(both.response.statusCode).toBe(400);
    expect(fields(both.problem)).toContain('spec');
  });

  it('an unreadable kubeconfig is a 400 that does not quote it', async () => {
    const kubeconfig = 'clusters: [ {{ not yaml secret-value-123';
    const { response, problem } = await send('POST', url, {
      name: 'edge',
      spec: {
        vpcId: 'vpc-0123456789abcdef0',
        vpcAccount: { accountId: '333333333333', roleArn: 'arn:aws:iam::333333333333:role/R' },
      },
      kubeconfig,
    });
    expectProblem(response, 400, 'validation');
    expect(fields(problem)).toContain('kubeconfig');
    expect(response.body).not.toContain('secret-value-123');
  });

  it('a cluster of a tenant that does not exist is a 404', async () => {
    const { response } = await send('POST', '/v1/tenants/nope/clusters', eksClusterBody('blue'));
    expectProblem(response, 404, 'not-found');
  });

  it('nothing was written by any rejected request', async () => {
    const list = await h.mgmt.list(WORKLOAD_CLUSTERS);
    expect(list.items).toEqual([]);
  });
});

describe('token bodies and path parameters', () => {
  it('a missing or bad token name is a 400', async () => {
    const missing = await send('POST', '/v1/tenants/acme/tokens', {});
    expect(fields(missing.problem)).toEqual(['name']);
    const bad = await send('POST', '/v1/tenants/acme/tokens', { name: '<script>' });
    expect(fields(bad.problem)).toEqual(['name']);
  });

  it('unknown ids are 404s', async () => {
    for (const url of [
      '/v1/tenants/acme/tokens/nothex',
      '/v1/tenants/acme/tokens/0123456789ab',
      '/v1/tenants/acme/clusters/none',
      '/v1/tenants/none',
    ]) {
      const response = await h.app.inject({
        method: url.includes('tokens') ? 'DELETE' : 'GET',
        url,
        headers: ADMIN,
      });
      expectProblem(response, 404, 'not-found');
    }
  });

  it('a bad Idempotency-Key is a 400', async () => {
    const { response, problem } = await send('POST', '/v1/tenants', tenantBody('keyed'), {
      'idempotency-key': 'x'.repeat(300),
    });
    expectProblem(response, 400, 'validation');
    expect(fields(problem)).toEqual(['Idempotency-Key']);
  });

  it('unknown query parameters are a 400', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/v1/tenants?limit=1&page=2',
      headers: ADMIN,
    });
    expectProblem(response, 400, 'validation');
    expect(fields(json<Problem>(response))).toContain('page');
  });
});
