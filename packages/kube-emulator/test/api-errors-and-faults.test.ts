/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- wire-level tests walk untyped JSON bodies */
// metav1.Status errors as the real server shapes them, write options (dryRun, generateName,
// preconditions), authentication/authorization wiring, fault injection and the admin endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator } from '../src/index.ts';
import type { KubeEmulator } from '../src/index.ts';
import { ApiClient } from './support/api-client.ts';

let emulator: KubeEmulator;
let api: ApiClient;
const CM = '/api/v1/namespaces/default/configmaps';

beforeAll(async () => {
  emulator = await startKubeEmulator({
    clusters: ['e'],
    tls: false,
    logLevel: 'error',
    tokens: [{ token: 'bob-token', username: 'bob', groups: ['devs'] }],
  });
  api = new ApiClient(emulator, 'e');
});
afterAll(async () => {
  await emulator.stop();
});

describe('Status errors', () => {
  it('NotFound carries details.name/kind/group', async () => {
    const r = await api.get('/apis/apps/v1/namespaces/default/deployments/missing');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: 'deployments.apps "missing" not found',
      details: { name: 'missing', group: 'apps', kind: 'deployments' },
    });
  });

  it('AlreadyExists, and generateName picks a fresh name', async () => {
    await api.post(CM, { metadata: { name: 'dup' } });
    const again = await api.post(CM, { metadata: { name: 'dup' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "dup" already exists' });
    const generated = await api.post(CM, { metadata: { generateName: 'gen-' } });
    expect(generated.status).toBe(201);
    expect(generated.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('Invalid names answer 422 with causes', async () => {
    const r = await api.post(CM, { metadata: { name: 'Bad_Name' } });
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('Invalid');
    expect(r.body.message).toContain('ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain');
    expect(r.body.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
  });

  it('creating in a missing namespace is NotFound for the namespace', async () => {
    const r = await api.post('/api/v1/namespaces/ghost/configmaps', { metadata: { name: 'x' } });
    expect(r.status).toBe(404);
    expect(r.body.message).toBe('namespaces "ghost" not found');
  });

  it('Conflict on a stale resourceVersion, unconditional PUT without one', async () => {
    const created = await api.post(CM, { metadata: { name: 'occ' }, data: { v: '1' } });
    await api.request('PUT', `${CM}/occ`, { ...created.body, data: { v: '2' } });
    const stale = await api.request('PUT', `${CM}/occ`, { ...created.body, data: { v: '3' } });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(
      'Operation cannot be fulfilled on configmaps "occ": the object has been modified; please apply your changes to the latest version and try again',
    );
    const unconditional = await api.request('PUT', `${CM}/occ`, { metadata: { name: 'occ' }, data: { v: '4' } });
    expect(unconditional.status).toBe(200);
    expect(unconditional.body.data.v).toBe('4');
  });

  it('keeps the data of an immutable ConfigMap', async () => {
    await api.post(CM, { metadata: { name: 'frozen' }, data: { a: '1' }, immutable: true });
    const r = await api.request('PATCH', `${CM}/frozen`, { data: { a: '2' } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(r.status).toBe(422);
    expect(r.body.message).toContain('data: Forbidden: field is immutable when `immutable` is set');
    const labelled = await api.request('PATCH', `${CM}/frozen`, { metadata: { labels: { ok: 'yes' } } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(labelled.status).toBe(200);
  });

  it('delete preconditions, and dryRun=All changes nothing', async () => {
    const created = await api.post(CM, { metadata: { name: 'pre' } });
    const wrong = await api.request('DELETE', `${CM}/pre`, { preconditions: { uid: 'not-it' } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.message).toContain('Precondition failed: UID in precondition: not-it');
    const dry = await api.request('DELETE', `${CM}/pre?dryRun=All`);
    expect(dry.status).toBe(200);
    expect((await api.get(`${CM}/pre`)).status).toBe(200);
    const dryCreate = await api.post(`${CM}?dryRun=All`, { metadata: { name: 'dry' } });
    expect(dryCreate.status).toBe(201);
    expect((await api.get(`${CM}/dry`)).status).toBe(404);
    const ok = await api.request('DELETE', `${CM}/pre`, { preconditions: { uid: created.body.metadata.uid } });
    expect(ok.status).toBe(200);
  });

  it('MethodNotAllowed for verbs a resource does not have', async () => {
    const r = await api.request('PUT', CM, { metadata: { name: 'x' } });
    expect(r.status).toBe(405);
    expect(r.body.reason).toBe('MethodNotAllowed');
    const review = await api.get('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews');
    expect(review.status).toBe(405);
  });

  it('unknown paths are 404 Status, unknown patch types 415', async () => {
    expect((await api.get('/apis/nope.example.com/v1/things')).status).toBe(404);
    const r = await api.request('PATCH', `${CM}/occ`, '{}', { 'Content-Type': 'text/plain' });
    expect(r.status).toBe(415);
    expect(r.body.reason).toBe('UnsupportedMediaType');
  });

  it('deletecollection honours label selectors', async () => {
    await api.post(CM, { metadata: { name: 'dc1', labels: { sweep: 'yes' } } });
    await api.post(CM, { metadata: { name: 'dc2', labels: { sweep: 'yes' } } });
    const r = await api.request('DELETE', `${CM}?labelSelector=sweep%3Dyes`);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(2);
    expect((await api.get(`${CM}?labelSelector=sweep%3Dyes`)).body.items).toEqual([]);
    expect((await api.get(`${CM}/occ`)).status).toBe(200);
  });
});

describe('authentication and authorization', () => {
  it('401 with an unknown token; anonymous may read /version and health only (RBAC public-info-viewer)', async () => {
    const anonymous = new ApiClient(emulator, 'e', null);
    const r = await anonymous.get(CM);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({
      reason: 'Forbidden',
      code: 403,
      message: 'configmaps is forbidden: User "system:anonymous" cannot list resource "configmaps" in API group "" in the namespace "default"',
    });
    expect((await anonymous.get('/version')).body.gitVersion).toMatch(/^v1\./);
    expect((await anonymous.get('/readyz')).status).toBe(200);
    expect((await anonymous.get('/api')).status).toBe(403);
    const wrong = await new ApiClient(emulator, 'e', 'wrong').get(CM);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ reason: 'Unauthorized', code: 401 });
  });

  it('403 with the real message, then allowed once RBAC grants it', async () => {
    const bob = new ApiClient(emulator, 'e', 'bob-token');
    const denied = await bob.get(`${CM}/occ`);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe(
      'configmaps "occ" is forbidden: User "bob" cannot get resource "configmaps" in API group "" in the namespace "default"',
    );
    expect(denied.body.details).toEqual({ name: 'occ', kind: 'configmaps' });
    // a subresource is named in the detail, not in the subject; apps is a named group
    const status = await bob.get('/apis/apps/v1/namespaces/default/deployments/web/status');
    expect(status.body.message).toBe(
      'deployments.apps "web" is forbidden: User "bob" cannot get resource "deployments/status" in API group "apps" in the namespace "default"',
    );
    expect(status.body.details).toEqual({ name: 'web', group: 'apps', kind: 'deployments' });
    await api.post('/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles', {
      metadata: { name: 'cm-reader' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
    });
    await api.post('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
      metadata: { name: 'devs-read' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' }],
    });
    expect((await bob.get(`${CM}/occ`)).status).toBe(200);
    const ssar = await bob.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      spec: { resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'configmaps' } },
    });
    expect(ssar.status).toBe(201);
    expect(ssar.body.status.allowed).toBe(false);
  });

  it('fills service-account token Secrets, whose token authenticates until the Secret goes', async () => {
    await api.post('/api/v1/namespaces/default/serviceaccounts', { metadata: { name: 'ci' } });
    await api.post('/api/v1/namespaces/default/secrets', {
      metadata: { name: 'ci-token', annotations: { 'kubernetes.io/service-account.name': 'ci' } },
      type: 'kubernetes.io/service-account-token',
    });
    const secret = await api.get('/api/v1/namespaces/default/secrets/ci-token');
    const token = Buffer.from(secret.body.data.token as string, 'base64').toString();
    expect(Buffer.from(secret.body.data.namespace as string, 'base64').toString()).toBe('default');
    const ci = new ApiClient(emulator, 'e', token);
    const who = await ci.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {});
    expect(who.body.status.userInfo.username).toBe('system:serviceaccount:default:ci');
    await api.request('DELETE', '/api/v1/namespaces/default/secrets/ci-token');
    expect((await ci.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).status).toBe(401);
  });

  it('rejects tokens of a deleted ServiceAccount even after one of the same name is created again', async () => {
    const SA = '/api/v1/namespaces/default/serviceaccounts';
    await api.post(SA, { metadata: { name: 'phoenix' } });
    const requested = await api.post(`${SA}/phoenix/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} });
    const old = new ApiClient(emulator, 'e', requested.body.status.token as string);
    const inProcess = new ApiClient(emulator, 'e', emulator.serviceAccountToken('e', 'default', 'phoenix'));
    expect((await old.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).status).toBe(201);
    expect((await inProcess.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).status).toBe(201);
    await api.request('DELETE', `${SA}/phoenix`);
    const again = await api.post(SA, { metadata: { name: 'phoenix' } });
    expect(again.status).toBe(201);
    expect((await old.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).status).toBe(401);
    expect((await inProcess.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).status).toBe(401);
    const fresh = await api.post(`${SA}/phoenix/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} });
    const who = await new ApiClient(emulator, 'e', fresh.body.status.token as string).post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {});
    expect(who.body.status.userInfo).toMatchObject({ username: 'system:serviceaccount:default:phoenix', uid: again.body.metadata.uid });
  });

  it('authenticates EKS tokens through the verifier plug and access entries', async () => {
    emulator.setEksVerifier({
      verify: (token) =>
        token === 'k8s-aws-v1.good'
          ? Promise.resolve({ arn: 'arn:aws:iam::111122223333:role/deployer', accountId: '111122223333' })
          : Promise.reject(new Error('bad signature')),
    });
    const eks = new ApiClient(emulator, 'e', 'k8s-aws-v1.good');
    expect((await eks.get(CM)).status).toBe(401);
    emulator.setAccessEntries('e', [
      { principalArn: 'arn:aws:iam::111122223333:role/deployer', username: 'deployer', groups: ['system:masters'] },
    ]);
    expect((await eks.get(CM)).status).toBe(200);
    const who = await eks.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {});
    expect(who.body.status.userInfo.username).toBe('deployer');
    expect((await new ApiClient(emulator, 'e', 'k8s-aws-v1.forged').get(CM)).status).toBe(401);
  });
});

describe('OpenAPI and discovery negotiation', () => {
  it('answers 406 to a protobuf-only Accept on /openapi/v2, JSON when JSON is acceptable', async () => {
    const proto = await api.get('/openapi/v2', { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
    expect(proto.status).toBe(406);
    const either = await api.get('/openapi/v2', {
      Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf, application/json',
    });
    expect(either.status).toBe(200);
    expect(either.body.swagger).toBe('2.0');
  });

  it('serves /openapi/v3 group-version documents with their hash as ETag', async () => {
    const index = await api.get('/openapi/v3');
    const url = index.body.paths['apis/apps/v1'].serverRelativeURL as string;
    const hash = url.slice(url.indexOf('hash=') + 5);
    const doc = await api.get(url.replace(/^\/openapi\/v3/, '/openapi/v3'));
    expect(doc.status).toBe(200);
    expect(doc.headers.get('etag')).toBe(`"${hash}"`);
    expect(doc.headers.get('cache-control')).toBe('public, immutable');
    const unchanged = await api.get('/openapi/v3/apis/apps/v1', { 'If-None-Match': `"${hash}"` });
    expect(unchanged.status).toBe(304);
    const stale = await api.request('GET', '/openapi/v3/apis/apps/v1?hash=OLD', undefined, {});
    expect(stale.status).toBe(200); // fetch follows the 301 to the current hash
    expect(stale.body.openapi).toMatch(/^3\./);
  });

  it('varies discovery answers by Accept', async () => {
    expect((await api.get('/api')).headers.get('vary')).toBe('Accept');
    expect((await api.get('/apis')).headers.get('vary')).toBe('Accept');
  });
});

describe('fault injection', () => {
  it('fails the next requests with 429 (Retry-After), 500 and 503, optionally per verb/resource', async () => {
    const faults = emulator.faults('e');
    faults.failNext(1, 429, { retryAfterSeconds: 7 });
    const throttled = await api.get(CM);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.body).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 7 } });
    faults.failNext(1, 503, { verb: 'create', resource: 'secrets' });
    expect((await api.get(CM)).status).toBe(200);
    const unavailable = await api.post('/api/v1/namespaces/default/secrets', { metadata: { name: 's' } });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.reason).toBe('ServiceUnavailable');
    faults.failNext(1, 500);
    expect((await api.get(CM)).body.reason).toBe('InternalError');
    expect((await api.get(CM)).status).toBe(200);
  });

  it('partitions a cluster (connections die) and heals it', async () => {
    emulator.faults('e').partition();
    await expect(api.get(CM)).rejects.toThrow();
    emulator.faults('e').heal();
    expect((await api.get(CM)).status).toBe(200);
  });

  it('drives faults and clusters through the admin endpoint', async () => {
    const admin = (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${emulator.baseUrl}/admin${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const added = await admin('POST', '/clusters', { name: 'late' });
    expect(added.status).toBe(201);
    const info = (await added.json()) as { server: string; token: string };
    expect(info.server).toBe(emulator.clusterUrl('late'));
    const late = new ApiClient(emulator, 'late');
    expect((await late.get('/api/v1/namespaces')).body.items).toHaveLength(4);
    expect(emulator.kubeconfig).toContain('/clusters/late');

    expect((await admin('POST', '/clusters/late/faults', { action: 'fail', count: 1, code: 500 })).status).toBe(200);
    expect((await late.get('/api/v1/namespaces')).status).toBe(500);
    expect((await admin('POST', '/clusters/late/faults', { action: 'bogus' })).status).toBe(400);

    expect((await admin('DELETE', '/clusters/late')).status).toBe(200);
    expect((await late.get('/api/v1/namespaces')).status).toBe(404);
    expect(((await (await admin('GET', '/clusters')).json()) as { clusters: string[] }).clusters).toEqual(['e']);
  });
});
