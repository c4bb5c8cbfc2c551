// Real kubectl against the OpenAPI documents (through the test-only server): explain reads the v3
// schemas; client-side apply computes strategic merge patches from them and leaves field
// validation to the server because PATCH advertises fieldValidation.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { buildKubeconfig, writeKubeconfig } from '../kubeconfig.ts';
import { startTestApiServer } from '../discovery/test-api-server.ts';
import type { TestApiServer } from '../discovery/test-api-server.ts';
import { findKubectls, kubectlSession } from '../discovery/test-kubectl.ts';
import type { KubectlSession } from '../discovery/test-kubectl.ts';
import { TEST_TYPES } from '../discovery/test-resource-types.ts';

const kubectls = findKubectls();

const POD_V1 = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: app
    image: nginx:1
    ports: [{containerPort: 80}]
    env: [{name: A, value: "1"}]
  - name: sidecar
    image: busybox
`;

const POD_V2 = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: app
    image: nginx:2
    ports: [{containerPort: 80}]
    env: [{name: B, value: "2"}]
`;

const SERVICE_EXPORT = (weight: number) => `apiVersion: multicluster.x-k8s.io/v1alpha1
kind: ServiceExport
metadata: {name: web}
spec: {weight: ${weight}}
`;

describe.skipIf(kubectls.length === 0)('kubectl with the OpenAPI documents', () => {
  let server: TestApiServer;
  let dir: string;
  let kubeconfig: string;

  beforeAll(async () => {
    server = await startTestApiServer(TEST_TYPES);
    dir = await mkdtemp(join(tmpdir(), 'kx-openapi-'));
    kubeconfig = join(dir, 'config');
    await writeKubeconfig(
      kubeconfig,
      buildKubeconfig({ server: () => server.url, clusters: [{ name: 'test', token: 't' }] }),
    );
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const kubectl of kubectls) {
    const session = (): KubectlSession =>
      kubectlSession(kubectl, kubeconfig, join(dir, `cache-${kubectl.label}`));

    it(`kubectl ${kubectl.label}: explain a built-in field from the v3 document`, async () => {
      server.requests.length = 0;
      const res = await session().run(['explain', 'pods.spec.containers']);
      expect(res.stderr).toBe('');
      expect(res.stdout).toMatch(/^KIND:\s+Pod$/m);
      expect(res.stdout).toMatch(/^FIELD: containers <\[\]Container>$/m);
      expect(res.stdout).toMatch(/^ {2}name\t<string> -required-$/m);
      expect(res.stdout).toMatch(/^ {2}ports\t<\[\]ContainerPort>$/m);
      expect(res.stdout).toContain(
        'A single application container that you want to run within a pod.',
      );
      const urls = server.requests.map((r) => r.url);
      expect(urls).toContain('/openapi/v3?timeout=32s');
      expect(urls.some((u) => /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}/.test(u))).toBe(true);
      const deep = await session().run([
        'explain',
        'deployments.spec.template.spec.containers.ports.containerPort',
      ]);
      expect(deep.stdout).toMatch(/^FIELD: containerPort <integer>$/m);
      const strategy = await session().run(['explain', 'deploy.spec.strategy']);
      expect(strategy.stdout).toMatch(
        /^ {2}rollingUpdate\t<RollingUpdateDeployment>\n {4}Rolling update config params/m,
      );
      const svcPort = await session().run(['explain', 'svc.spec.ports.targetPort']);
      expect(svcPort.stdout).toMatch(/^FIELD: targetPort <IntOrString>$/m);
    });

    it(`kubectl ${kubectl.label}: explain a custom resource from its CRD schema`, async () => {
      const res = await session().run(['explain', 'serviceexports']);
      expect(res.stderr).toBe('');
      expect(res.stdout).toMatch(/^GROUP:\s+multicluster\.x-k8s\.io$/m);
      expect(res.stdout).toMatch(/^KIND:\s+ServiceExport$/m);
      expect(res.stdout).toContain('ServiceExport declares that the Service with the same name');
      expect(res.stdout).toMatch(/^ {2}metadata\t<ObjectMeta>$/m);
      const spec = await session().run(['explain', 'svcex.spec.weight']);
      expect(spec.stdout).toMatch(/^FIELD: weight <integer>$/m);
      expect(spec.stdout).toContain('relative weight of this cluster');
      const recursive = await session().run(['explain', 'serviceexports.status', '--recursive']);
      expect(recursive.stdout).toMatch(/conditions\s+<\[\]Object>/);
      expect(recursive.stdout).toMatch(/status\s+<string> -required-/);
    });

    it(`kubectl ${kubectl.label}: apply sends a strategic merge patch computed from the v3 schema`, async () => {
      server.objects.clear();
      server.requests.length = 0;
      const created = await session().run(['apply', '-f', '-'], POD_V1);
      expect(created.stderr).toBe('');
      expect(created.stdout.trim()).toBe('pod/web created');
      const configured = await session().run(['apply', '-f', '-'], POD_V2);
      // a problem with the v3 schema would print "warning: error calculating patch from openapi v3 spec"
      expect(configured.stderr).toBe('');
      expect(configured.stdout.trim()).toBe('pod/web configured');
      const post = server.requests.find((r) => r.method === 'POST');
      expect(post?.url).toContain('fieldValidation=Strict');
      const patch = server.requests.find((r) => r.method === 'PATCH');
      expect(patch?.contentType).toBe('application/strategic-merge-patch+json');
      expect(patch?.url).toContain('fieldValidation=Strict');
      const body = JSON.parse(patch?.body ?? '{}') as JsonObject;
      const spec = body.spec as JsonObject;
      // merge by name: keep `app`, delete `sidecar`, and within app merge env by name, ports by containerPort
      expect(spec['$setElementOrder/containers']).toEqual([{ name: 'app' }]);
      expect(spec.containers).toEqual(
        expect.arrayContaining([
          { $patch: 'delete', name: 'sidecar' },
          expect.objectContaining({
            name: 'app',
            image: 'nginx:2',
          }),
        ]),
      );
      const app = (spec.containers as JsonObject[]).find((c) => c.name === 'app') ?? {};
      expect(app['$setElementOrder/env']).toEqual([{ name: 'B' }]);
      expect(app.env).toEqual(
        expect.arrayContaining([
          { name: 'B', value: '2' },
          { $patch: 'delete', name: 'A' },
        ]),
      );
      // client-side validation against the v2 document was never needed
      expect(server.requests.some((r) => r.url.startsWith('/openapi/v2'))).toBe(false);
    });

    it(`kubectl ${kubectl.label}: apply to a custom resource uses a JSON merge patch`, async () => {
      server.objects.clear();
      server.requests.length = 0;
      expect((await session().run(['apply', '-f', '-'], SERVICE_EXPORT(3))).stdout.trim()).toBe(
        'serviceexport.multicluster.x-k8s.io/web created',
      );
      const updated = await session().run(['apply', '-f', '-'], SERVICE_EXPORT(4));
      expect(updated.stdout.trim()).toBe('serviceexport.multicluster.x-k8s.io/web configured');
      const patch = server.requests.find((r) => r.method === 'PATCH');
      expect(patch?.contentType).toBe('application/merge-patch+json');
      expect((JSON.parse(patch?.body ?? '{}') as JsonObject).spec).toEqual({ weight: 4 });
      expect(patch?.url).toContain('fieldValidation=Strict');
    });
  }
});
