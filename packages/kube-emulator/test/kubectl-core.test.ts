// The real kubectl against the emulator: reads, applies, the three patch types, deletes,
// waits, label selectors, Table columns, errors and the protobuf-bodied create commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './support/test-emulator.ts';
import type { TestEmulator } from './support/test-emulator.ts';

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator(['alpha', 'beta']);
});
afterAll(async () => {
  await t.stop();
});

describe('kubectl get', () => {
  it('prints server-side Table columns for namespaces', async () => {
    const out = await t.k(['get', 'namespaces']);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(lines[1]).toContain('Active');
  });

  it('keeps clusters apart: one context per cluster', async () => {
    await t.k(['create', 'configmap', 'only-in-alpha', '--from-literal=a=b'], { context: 'alpha' });
    expect(await t.k(['get', 'configmaps', '-o', 'name'], { context: 'alpha' })).toContain('configmap/only-in-alpha');
    expect(await t.k(['get', 'configmaps', '-o', 'name'], { context: 'beta' })).not.toContain('only-in-alpha');
  });

  it('answers NotFound as a Status kubectl prints', async () => {
    const r = await t.kubectl(['get', 'configmap', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (NotFound): configmaps "nope" not found');
  });
});

describe('kubectl create (protobuf request bodies)', () => {
  it('creates namespaces, configmaps, secrets and services', async () => {
    await t.k(['create', 'namespace', 'team-a']);
    await t.k(['-n', 'team-a', 'create', 'configmap', 'settings', '--from-literal=mode=fast']);
    await t.k(['-n', 'team-a', 'create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret']);
    await t.k(['-n', 'team-a', 'create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
    expect(await t.k(['-n', 'team-a', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}'])).toBe('fast');
    const password = await t.k(['-n', 'team-a', 'get', 'secret', 'creds', '-o', 'jsonpath={.data.password}']);
    expect(Buffer.from(password, 'base64').toString()).toBe('s3cret');
    const ip = await t.k(['-n', 'team-a', 'get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(await t.k(['-n', 'team-a', 'get', 'serviceaccount', 'default', '-o', 'name'])).toContain('serviceaccount/default');
  });

  it('runs pods and creates deployments (protobuf Pod and Deployment bodies)', async () => {
    await t.k(['-n', 'team-a', 'run', 'shell', '--image=busybox:1.36', '--restart=Never', '--env=MODE=test', '--', 'sleep', '60']);
    const pod = JSON.parse(await t.k(['-n', 'team-a', 'get', 'pod', 'shell', '-o', 'json'])) as {
      spec: { containers: { image: string; args: string[]; env: { name: string; value: string }[] }[]; restartPolicy: string };
      status: { phase: string };
    };
    expect(pod.spec.containers[0]).toMatchObject({ image: 'busybox:1.36', args: ['sleep', '60'], env: [{ name: 'MODE', value: 'test' }] });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.status.phase).toBe('Pending');
    await t.k(['-n', 'team-a', 'create', 'deployment', 'api', '--image=nginx:1.27', '--replicas=0', '--port=8080']);
    expect(
      await t.k(['-n', 'team-a', 'get', 'deployment', 'api', '-o', 'jsonpath={.spec.replicas}/{.spec.template.spec.containers[0].ports[0].containerPort}/{.spec.strategy.type}']),
    ).toBe('0/8080/RollingUpdate');
  });

  it('issues service-account tokens that authenticate as the ServiceAccount', async () => {
    const token = (await t.k(['create', 'token', 'default'])).trim();
    const r = await t.kubectl(['--token', token, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
    expect(r.stdout).toBe('system:serviceaccount:default:default');
  });
});

describe('kubectl apply and patch', () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: nginx:1.25
      - name: sidecar
        image: envoy:1.30
`;

  it('creates, then reports unchanged on a re-apply', async () => {
    expect(await t.k(['apply', '-f', '-'], { input: deployment })).toContain('deployment.apps/web created');
    expect(await t.k(['apply', '-f', '-'], { input: deployment })).toContain('deployment.apps/web unchanged');
    const gen = await t.k(['get', 'deployment', 'web', '-o', 'jsonpath={.metadata.generation}']);
    expect(gen).toBe('1');
  });

  it('applies changes and bumps generation', async () => {
    const out = await t.k(['apply', '-f', '-'], { input: deployment.replace('replicas: 2', 'replicas: 3') });
    expect(out).toContain('deployment.apps/web configured');
    expect(await t.k(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}/{.metadata.generation}'])).toBe('3/2');
  });

  it('patches with a strategic merge patch (containers merged by name)', async () => {
    await t.k(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}}']);
    const images = await t.k(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[*].image}']);
    expect(images).toBe('nginx:1.27 envoy:1.30');
  });

  it('patches with merge and JSON patches', async () => {
    await t.k(['patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"tier":"front"}}}']);
    await t.k(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":5}]']);
    expect(await t.k(['get', 'deployment', 'web', '-o', 'jsonpath={.metadata.labels.tier}/{.spec.replicas}'])).toBe('front/5');
  });

  it('scales through the scale subresource', async () => {
    await t.k(['scale', 'deployment', 'web', '--replicas=7']);
    expect(await t.k(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}'])).toBe('7');
  });

  it('fails a JSON patch whose test operation does not hold, as an Invalid patch', async () => {
    const r = await t.kubectl(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":1}]']);
    expect(r.code).toBe(1);
    // the real server hides json-patch's reason behind a generic message, without causes
    expect(r.stderr).toContain('The request is invalid: the server rejected our request due to an error in our request');
    expect(await t.k(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}'])).toBe('7');
  });
});

describe('label selectors', () => {
  it('filters lists with -l', async () => {
    await t.k(['create', 'namespace', 'sel']);
    for (const [name, env] of [['a', 'prod'], ['b', 'dev'], ['c', 'prod']]) {
      await t.k(['-n', 'sel', 'apply', '-f', '-'], {
        input: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, labels: {env: ${env}}}\n`,
      });
    }
    expect((await t.k(['-n', 'sel', 'get', 'cm', '-l', 'env=prod', '-o', 'name'])).trim().split('\n')).toEqual([
      'configmap/a',
      'configmap/c',
    ]);
    expect((await t.k(['-n', 'sel', 'get', 'cm', '-l', 'env notin (prod)', '-o', 'name'])).trim()).toBe('configmap/b');
    expect((await t.k(['get', 'cm', '-A', '-l', 'env', '--no-headers'])).trim().split('\n')).toHaveLength(3);
  });
});

describe('delete and wait', () => {
  it('waits for a condition set through the status subresource', async () => {
    await t.k(['apply', '-f', '-'], {
      input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p1}\nspec: {containers: [{name: c, image: busybox}]}\n',
    });
    expect(await t.k(['get', 'pod', 'p1', '-o', 'jsonpath={.status.phase}'])).toBe('Pending');
    const wait = t.kubectl(['wait', '--for=condition=Ready', 'pod/p1', '--timeout=20s']);
    await t.k([
      'patch',
      'pod',
      'p1',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}',
    ]);
    const r = await wait;
    expect(r.stdout).toContain('pod/p1 condition met');
  });

  it('holds a finalized object until the finalizer goes, and wait --for=delete sees it go', async () => {
    await t.k(['apply', '-f', '-'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, finalizers: [example.com/hold]}\n',
    });
    await t.k(['delete', 'configmap', 'held', '--wait=false']);
    expect(await t.k(['get', 'cm', 'held', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).not.toBe('');
    const wait = t.kubectl(['wait', '--for=delete', 'configmap/held', '--timeout=20s']);
    await t.k(['patch', 'configmap', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    const r = await wait;
    expect(r.code).toBe(0);
    expect((await t.kubectl(['get', 'cm', 'held'])).stderr).toContain('not found');
  });

  it('deletes a namespace with its contents', async () => {
    await t.k(['create', 'namespace', 'doomed']);
    await t.k(['-n', 'doomed', 'create', 'configmap', 'x']);
    await t.k(['delete', 'namespace', 'doomed']);
    expect((await t.kubectl(['get', 'namespace', 'doomed'])).stderr).toContain('namespaces "doomed" not found');
  });
});

describe('auth', () => {
  it('answers kubectl auth can-i for the admin and for a ServiceAccount without RBAC', async () => {
    expect((await t.k(['auth', 'can-i', 'create', 'deployments'])).trim()).toBe('yes');
    await t.k(['create', 'serviceaccount', 'reader']);
    const token = (await t.k(['create', 'token', 'reader'])).trim();
    const r = await t.kubectl(['--token', token, 'auth', 'can-i', 'list', 'pods']);
    expect(r.stdout.trim()).toBe('no');
    const denied = await t.kubectl(['--token', token, 'get', 'pods']);
    expect(denied.stderr).toContain(
      'pods is forbidden: User "system:serviceaccount:default:reader" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    // kubectl create rolebinding sends a protobuf RoleBinding
    await t.k(['create', 'rolebinding', 'reader-view', '--clusterrole=view', '--serviceaccount=default:reader']);
    expect((await t.k(['--token', token, 'auth', 'can-i', 'list', 'pods'])).trim()).toBe('yes');
    expect((await t.kubectl(['--token', token, 'auth', 'can-i', 'create', 'pods'])).stdout.trim()).toBe('no');
    expect((await t.kubectl(['--token', token, 'get', 'pods'])).code).toBe(0);
  });

  it('impersonates with --as when RBAC allows the impersonate verb', async () => {
    const asBob = await t.kubectl(['--as', 'bob', 'get', 'configmaps']);
    expect(asBob.code).toBe(1);
    expect(asBob.stderr).toContain('configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" in the namespace "default"');
    expect((await t.k(['--as', 'system:serviceaccount:default:reader', 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'])).trim()).toBe(
      'system:serviceaccount:default:reader',
    );
    const token = (await t.k(['create', 'token', 'reader'])).trim();
    const refused = await t.kubectl(['--token', token, '--as', 'bob', 'get', 'configmaps']);
    expect(refused.stderr).toContain(
      'users "bob" is forbidden: User "system:serviceaccount:default:reader" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it('applies RBAC resourceNames to lists and watches limited by metadata.name', async () => {
    await t.k(['create', 'serviceaccount', 'one-reader']);
    await t.k(['create', 'configmap', 'one']);
    await t.k(['create', 'role', 'one-cm', '--verb=get,list,watch', '--resource=configmaps', '--resource-name=one']);
    await t.k(['create', 'rolebinding', 'one-cm', '--role=one-cm', '--serviceaccount=default:one-reader']);
    const token = (await t.k(['create', 'token', 'one-reader'])).trim();
    expect((await t.k(['--token', token, 'get', 'configmaps', '--field-selector', 'metadata.name=one', '-o', 'name'])).trim()).toBe('configmap/one');
    expect((await t.k(['--token', token, 'get', 'configmap', 'one', '-o', 'name'])).trim()).toBe('configmap/one');
    const all = await t.kubectl(['--token', token, 'get', 'configmaps']);
    expect(all.stderr).toContain('configmaps is forbidden: User "system:serviceaccount:default:one-reader" cannot list resource "configmaps"');
  });

  it('rejects unknown tokens with 401', async () => {
    const r = await t.kubectl(['--token', 'not-a-token', 'get', 'pods']);
    expect(r.stderr).toContain('Unauthorized');
  });
});
