// `helm template` of charts/trellis with the real helm: defaults and edge cases, parsed and
// checked object by object (security, RBAC, images, env wired to hub-controller's config).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRELLIS_CRDS } from '@trellis/core';
import { describe, expect, it } from 'vitest';
// hub-controller does not export its config loader; the chart must satisfy exactly it.
import { loadConfig } from '../../services/hub-controller/src/config.ts';
import { queueBoardFromEnv } from '../../services/hub-api/src/queue-board/board-config.ts';
import {
  find,
  helm,
  helmOk,
  ofKind,
  template,
  TRELLIS_CHART,
  type Manifest,
} from './support/helm.ts';
import {
  envOf,
  grants,
  podSpec,
  replicas,
  type Container,
  type EnvVar,
} from './support/workloads.ts';

const PLURALS = TRELLIS_CRDS.map(
  (crd) => (crd.spec as { names: { plural: string } }).names.plural,
).sort();

function allContainers(
  manifests: Manifest[],
): { owner: string; container: Container; pod: ReturnType<typeof podSpec> }[] {
  return ofKind(manifests, 'Deployment').flatMap((d) => {
    const pod = podSpec(d);
    return [...pod.containers, ...(pod.initContainers ?? [])].map((container) => ({
      owner: d.metadata.name,
      container,
      pod,
    }));
  });
}

/** The env a container would see, with Secret and field references resolved by `resolve`. */
function resolveEnv(env: EnvVar[], resolve: (ref: EnvVar) => string): NodeJS.ProcessEnv {
  return Object.fromEntries(env.map((e) => [e.name, e.value ?? resolve(e)]));
}

describe.concurrent('charts/trellis: helm lint', () => {
  it('lints clean, also strictly and with every option on', async () => {
    await helmOk(['lint', TRELLIS_CHART]);
    await helmOk([
      'lint',
      '--strict',
      TRELLIS_CHART,
      '--set',
      'ingress.enabled=true,monitoring.serviceMonitor.enabled=true,monitoring.grafanaDashboard.enabled=true,networkPolicy.enabled=true,installCrds=true',
    ]);
  });
});

describe.concurrent('charts/trellis: default values', async () => {
  const manifests = await template(TRELLIS_CHART);
  const controller = find(manifests, 'Deployment', 'hub-trellis-controller');
  const api = find(manifests, 'Deployment', 'hub-trellis-api');
  const controllerContainer = podSpec(controller).containers[0];
  const apiContainer = podSpec(api).containers[0];

  it('renders exactly the expected objects', () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(
      [
        'ClusterRole/hub-trellis-api',
        'ClusterRole/hub-trellis-controller',
        'ClusterRoleBinding/hub-trellis-api',
        'ClusterRoleBinding/hub-trellis-controller',
        'Deployment/hub-trellis-api',
        'Deployment/hub-trellis-controller',
        'Deployment/hub-trellis-redis',
        'PodDisruptionBudget/hub-trellis-api',
        'PodDisruptionBudget/hub-trellis-controller',
        'Role/hub-trellis-leader-election',
        'RoleBinding/hub-trellis-leader-election',
        'Secret/hub-trellis-admin-token',
        'Secret/hub-trellis-redis',
        'Service/hub-trellis-api',
        'Service/hub-trellis-controller-metrics',
        'Service/hub-trellis-redis',
        'ServiceAccount/hub-trellis-api',
        'ServiceAccount/hub-trellis-controller',
      ].sort(),
    );
    for (const m of manifests) {
      if (!m.kind.startsWith('Cluster'))
        expect(m.metadata.namespace, `${m.kind}/${m.metadata.name}`).toBe('trellis-system');
      expect(m.metadata.labels?.['app.kubernetes.io/instance']).toBe('hub');
    }
  });

  it('locks down every container and pod', () => {
    const containers = allContainers(manifests);
    expect(containers.map((c) => c.container.name).sort()).toEqual([
      'hub-api',
      'hub-controller',
      'redis',
    ]);
    for (const { owner, container, pod } of containers) {
      expect(pod.securityContext, owner).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(container.securityContext, `${owner}/${container.name}`).toEqual({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(container.resources, `${owner}/${container.name}`).toHaveProperty('requests');
      expect(container.resources, `${owner}/${container.name}`).toHaveProperty('limits');
    }
  });

  it('runs the images of the chart appVersion with the pull policy from values', () => {
    expect(controllerContainer.image).toBe('ghcr.io/trellis-dev/hub-controller:0.1.0');
    expect(apiContainer.image).toBe('ghcr.io/trellis-dev/hub-api:0.1.0');
    expect(apiContainer.imagePullPolicy).toBe('IfNotPresent');
    expect(replicas(api)).toBe(2);
    expect(replicas(controller)).toBe(2);
  });

  it('probes /healthz and /readyz on the served port', () => {
    expect(apiContainer.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(apiContainer.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(controllerContainer.livenessProbe?.httpGet).toEqual({
      path: '/healthz',
      port: 'metrics',
    });
    expect(controllerContainer.readinessProbe?.httpGet).toEqual({
      path: '/readyz',
      port: 'metrics',
    });
    expect(apiContainer.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(controllerContainer.ports).toEqual([
      { name: 'metrics', containerPort: 9464, protocol: 'TCP' },
    ]);
  });

  it('gives hub-controller an environment its config loader accepts, as intended', () => {
    const env = controllerContainer.env!;
    const config = loadConfig(
      resolveEnv(env, (e) => {
        if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') return 'trellis-system';
        if (e.valueFrom?.secretKeyRef) {
          const secret = find(manifests, 'Secret', e.valueFrom.secretKeyRef.name) as Manifest & {
            stringData: Record<string, string>;
          };
          return secret.stringData[e.valueFrom.secretKeyRef.key];
        }
        throw new Error(`unresolvable env ${e.name}`);
      }),
    );
    expect(config).toMatchObject({
      hubId: 'default',
      region: 'us-east-1',
      redisUrl: 'redis://hub-trellis-redis.trellis-system.svc:6379',
      leaseNamespace: 'trellis-system',
      metricsPort: 9464,
      metricsHost: '0.0.0.0',
      installCrds: false,
      resyncIntervalMs: 60_000,
      pollIntervalMs: 2000,
      logLevel: 'info',
      kubeconfigPath: undefined,
      awsEndpoint: undefined,
    });
  });

  it('sets only variables hub-controller reads (no typos)', () => {
    const source = readFileSync(
      join(import.meta.dirname, '..', '..', 'services', 'hub-controller', 'src', 'config.ts'),
      'utf8',
    );
    const read = new Set([
      ...[...source.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]),
      ...[...source.matchAll(/env, '([A-Z_]+)'/g)].map((m) => m[1]),
    ]);
    for (const name of Object.keys(envOf(controllerContainer))) expect(read, name).toContain(name);
  });

  it('sets only variables hub-api reads (no typos)', () => {
    const src = join(import.meta.dirname, '..', '..', 'services', 'hub-api', 'src');
    const source = ['main.ts', 'hub-api.ts', 'queue-board/board-config.ts']
      .map((f) => readFileSync(join(src, f), 'utf8'))
      .join('\n');
    const read = new Set([...source.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]));
    for (const name of Object.keys(envOf(apiContainer))) expect(read, name).toContain(name);
  });

  it("gives hub-api's queue board the controller's Redis and hub id, read-only", () => {
    const resolve = (e: EnvVar) => {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref === undefined) throw new Error(`unresolvable env ${e.name}`);
      return (
        find(manifests, 'Secret', ref.name) as Manifest & {
          stringData: Record<string, string>;
        }
      ).stringData[ref.key];
    };
    const board = queueBoardFromEnv(resolveEnv(apiContainer.env!, resolve));
    expect(board).toEqual({
      redisUrl: 'redis://hub-trellis-redis.trellis-system.svc:6379',
      hubId: 'default',
      readOnly: true,
    });
    expect(envOf(apiContainer).REDIS_URL?.valueFrom).toEqual(
      envOf(controllerContainer).REDIS_URL?.valueFrom,
    );
  });

  it('wires hub-api to its port, all interfaces and the admin token file', () => {
    const env = envOf(apiContainer);
    expect(env.PORT?.value).toBe('8080');
    expect(env.HOST?.value).toBe('0.0.0.0');
    expect(env.KUBECONFIG).toBeUndefined();
    expect(env.TRELLIS_ADMIN_TOKEN).toBeUndefined(); // a file, not an env value
    expect(env.TRELLIS_ADMIN_TOKEN_FILE?.value).toBe('/var/run/secrets/trellis/admin-token/token');
    const volume = podSpec(api).volumes?.find((v) => v.name === 'admin-token');
    expect(volume?.secret).toEqual({
      secretName: 'hub-trellis-admin-token',
      items: [{ key: 'token', path: 'token' }],
    });
    const secret = find(manifests, 'Secret', 'hub-trellis-admin-token') as Manifest & {
      data: { token: string };
    };
    expect(Buffer.from(secret.data.token, 'base64').toString()).toMatch(/^[A-Za-z0-9]{48}$/);
  });

  it('grants hub-controller exactly what it uses, cluster-wide', () => {
    expect(grants(find(manifests, 'ClusterRole', 'hub-trellis-controller'))).toEqual(
      [
        ...PLURALS.flatMap((p) =>
          ['get', 'list', 'watch', 'update', 'patch'].map((v) => `trellis.dev/${p}:${v}`),
        ),
        ...PLURALS.flatMap((p) =>
          ['get', 'update', 'patch'].map((v) => `trellis.dev/${p}/status:${v}`),
        ),
        ...PLURALS.map((p) => `trellis.dev/${p}/finalizers:update`),
        // UpgradeSchedules create ClusterMigrations
        ...(PLURALS.includes('clustermigrations') ? ['trellis.dev/clustermigrations:create'] : []),
        // the MultiClusterService read model is the controller's own
        ...(PLURALS.includes('multiclusterservices')
          ? ['trellis.dev/multiclusterservices:create', 'trellis.dev/multiclusterservices:delete']
          : []),
        ...['get', 'create', 'patch', 'delete'].map((v) => `core/namespaces:${v}`),
        'core/secrets:get',
        'core/events:create',
        'core/events:patch',
      ].sort(),
    );
    const lease = find(manifests, 'Role', 'hub-trellis-leader-election');
    expect(lease.metadata.namespace).toBe('trellis-system');
    expect(grants(lease)).toEqual([
      'coordination.k8s.io/leases:create',
      'coordination.k8s.io/leases:get',
      'coordination.k8s.io/leases:update',
    ]);
  });

  it('grants hub-api no status, no CRDs, no leases', () => {
    expect(grants(find(manifests, 'ClusterRole', 'hub-trellis-api'))).toEqual(
      [
        ...PLURALS.flatMap((p) =>
          ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'].map(
            (v) => `trellis.dev/${p}:${v}`,
          ),
        ),
        'core/namespaces:get',
        'core/namespaces:create',
        ...['get', 'list', 'watch', 'create', 'patch', 'delete'].map((v) => `core/secrets:${v}`),
      ].sort(),
    );
  });

  it('never grants wildcards or binds cluster-admin', () => {
    for (const role of [...ofKind(manifests, 'ClusterRole'), ...ofKind(manifests, 'Role')]) {
      for (const g of grants(role)) expect(g, role.metadata.name).not.toMatch(/\*/);
    }
    for (const binding of [
      ...ofKind(manifests, 'ClusterRoleBinding'),
      ...ofKind(manifests, 'RoleBinding'),
    ]) {
      const ref = (binding as Manifest & { roleRef: { name: string } }).roleRef;
      expect(ref.name).toMatch(/^hub-trellis-/);
    }
  });

  it('binds each role to its own ServiceAccount', () => {
    const subjectOf = (kind: string, name: string) =>
      (
        find(manifests, kind, name) as Manifest & {
          subjects: { name: string; namespace: string }[];
        }
      ).subjects;
    expect(subjectOf('ClusterRoleBinding', 'hub-trellis-controller')).toEqual([
      { kind: 'ServiceAccount', name: 'hub-trellis-controller', namespace: 'trellis-system' },
    ]);
    expect(subjectOf('ClusterRoleBinding', 'hub-trellis-api')).toEqual([
      { kind: 'ServiceAccount', name: 'hub-trellis-api', namespace: 'trellis-system' },
    ]);
    expect(podSpec(controller).serviceAccountName).toBe('hub-trellis-controller');
    expect(podSpec(api).serviceAccountName).toBe('hub-trellis-api');
    expect(
      find(manifests, 'ServiceAccount', 'hub-trellis-controller').metadata.annotations,
    ).toBeUndefined();
  });
});

describe.concurrent('charts/trellis: edge cases', { timeout: 120_000 }, () => {
  it('uses an existing Redis Secret and bundles no Redis', async () => {
    const manifests = await template(TRELLIS_CHART, [
      '--set',
      'redis.bundled.enabled=false,redis.existingSecret=elasticache,redis.existingSecretKey=redis-url',
    ]);
    expect(manifests.filter((m) => m.metadata.name.includes('redis'))).toEqual([]);
    const env = envOf(
      podSpec(find(manifests, 'Deployment', 'hub-trellis-controller')).containers[0],
    );
    expect(env.REDIS_URL?.valueFrom?.secretKeyRef).toEqual({
      name: 'elasticache',
      key: 'redis-url',
    });
  });

  it('refuses no Redis and two Redises with a message naming the values', async () => {
    const none = await helm([
      'template',
      'hub',
      TRELLIS_CHART,
      '--set',
      'redis.bundled.enabled=false',
    ]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('redis: hub-controller needs Redis: set redis.existingSecret');
    const both = await helm(['template', 'hub', TRELLIS_CHART, '--set', 'redis.existingSecret=x']);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('set either redis.existingSecret');
  });

  it('uses an existing admin token Secret and generates none', async () => {
    const manifests = await template(TRELLIS_CHART, [
      '--set',
      'adminToken.existingSecret=my-admin,adminToken.existingSecretKey=bearer',
    ]);
    expect(manifests.find((m) => m.metadata.name === 'hub-trellis-admin-token')).toBeUndefined();
    const volume = podSpec(find(manifests, 'Deployment', 'hub-trellis-api')).volumes?.find(
      (v) => v.name === 'admin-token',
    );
    expect(volume?.secret).toEqual({
      secretName: 'my-admin',
      items: [{ key: 'bearer', path: 'token' }],
    });
  });

  it('renders the Ingress to the hub-api Service', async () => {
    const manifests = await template(TRELLIS_CHART, [
      '--set',
      'ingress.enabled=true,ingress.className=alb,ingress.hosts[0].host=trellis.corp.example,ingress.hosts[0].paths[0].path=/,ingress.hosts[0].paths[0].pathType=Prefix',
    ]);
    const ingress = find(manifests, 'Ingress', 'hub-trellis-api');
    expect(ingress.spec).toEqual({
      ingressClassName: 'alb',
      rules: [
        {
          host: 'trellis.corp.example',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'hub-trellis-api', port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    });
  });

  it('renders a ServiceMonitor for both components and the Grafana dashboard', async () => {
    const manifests = await template(TRELLIS_CHART, [
      '--set',
      'monitoring.serviceMonitor.enabled=true,monitoring.serviceMonitor.labels.release=kps,monitoring.grafanaDashboard.enabled=true',
    ]);
    const sm = find(manifests, 'ServiceMonitor', 'hub-trellis');
    expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(sm.metadata.labels?.release).toBe('kps');
    const endpoints = (sm.spec as { endpoints: { port: string; path: string }[] }).endpoints;
    expect(endpoints.map((e) => `${e.port}${e.path}`)).toEqual(['http/metrics', 'metrics/metrics']);
    // the selected Services carry the ports the endpoints name
    const ports = (name: string) =>
      (find(manifests, 'Service', name).spec as { ports: { name: string }[] }).ports.map(
        (p) => p.name,
      );
    expect(ports('hub-trellis-api')).toEqual(['http']);
    expect(ports('hub-trellis-controller-metrics')).toEqual(['metrics']);

    const dashboard = find(manifests, 'ConfigMap', 'hub-trellis-dashboard') as Manifest & {
      data: Record<string, string>;
    };
    expect(dashboard.metadata.labels?.grafana_dashboard).toBe('1');
    const json = JSON.parse(dashboard.data['trellis.json']) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exprs = json.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const metric of [
      'trellis_reconcile_total',
      'trellis_reconcile_duration_seconds_bucket',
      'trellis_queue_depth',
      'trellis_aws_calls_total',
    ]) {
      expect(exprs).toContain(metric);
    }
  });

  it('renders NetworkPolicies: Redis reachable only from hub-controller and hub-api', async () => {
    const manifests = await template(TRELLIS_CHART, [
      '--set',
      'networkPolicy.enabled=true,networkPolicy.apiFrom[0].namespaceSelector.matchLabels.ingress=true',
    ]);
    expect(
      ofKind(manifests, 'NetworkPolicy')
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual(['hub-trellis-api', 'hub-trellis-controller', 'hub-trellis-redis']);
    const redis = find(manifests, 'NetworkPolicy', 'hub-trellis-redis').spec as {
      ingress: { from: { podSelector: { matchLabels: Record<string, string> } }[] }[];
      egress: unknown[];
    };
    expect(
      redis.ingress[0].from.map((f) => f.podSelector.matchLabels['app.kubernetes.io/component']),
    ).toEqual(['controller', 'api']);
    const noBoard = await template(TRELLIS_CHART, [
      '--set',
      'networkPolicy.enabled=true,api.queueBoard.enabled=false',
    ]);
    const closed = find(noBoard, 'NetworkPolicy', 'hub-trellis-redis').spec as typeof redis;
    expect(
      closed.ingress[0].from.map((f) => f.podSelector.matchLabels['app.kubernetes.io/component']),
    ).toEqual(['controller']);
    const apiEnv = envOf(podSpec(find(noBoard, 'Deployment', 'hub-trellis-api')).containers[0]);
    expect(apiEnv.REDIS_URL).toBeUndefined();
    expect(redis.egress).toEqual([]);
    const api = find(manifests, 'NetworkPolicy', 'hub-trellis-api').spec as {
      ingress: { from: unknown[] }[];
    };
    expect(api.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { ingress: true } } },
    ]);
  });

  it('scales to 3 replicas with PodDisruptionBudgets, and drops them for single replicas', async () => {
    const three = await template(TRELLIS_CHART, ['--set', 'api.replicas=3,controller.replicas=3']);
    expect(replicas(find(three, 'Deployment', 'hub-trellis-api'))).toBe(3);
    expect(replicas(find(three, 'Deployment', 'hub-trellis-controller'))).toBe(3);
    for (const name of ['hub-trellis-api', 'hub-trellis-controller']) {
      const pdb = find(three, 'PodDisruptionBudget', name);
      expect(pdb.apiVersion).toBe('policy/v1');
      expect((pdb.spec as { maxUnavailable: number }).maxUnavailable).toBe(1);
    }
    const one = await template(TRELLIS_CHART, ['--set', 'api.replicas=1,controller.replicas=1']);
    expect(ofKind(one, 'PodDisruptionBudget')).toEqual([]);
  });

  it('annotates hub-controller for IRSA and grants CRD writes only with installCrds', async () => {
    const arn = 'arn:aws:iam::111122223333:role/trellis-hub';
    const manifests = await template(TRELLIS_CHART, [
      '--set',
      `aws.roleArn=${arn},installCrds=true,aws.region=eu-west-1`,
    ]);
    expect(
      find(manifests, 'ServiceAccount', 'hub-trellis-controller').metadata.annotations,
    ).toEqual({
      'eks.amazonaws.com/role-arn': arn,
    });
    expect(
      find(manifests, 'ServiceAccount', 'hub-trellis-api').metadata.annotations,
    ).toBeUndefined();
    const crdGrants = grants(find(manifests, 'ClusterRole', 'hub-trellis-controller')).filter((g) =>
      g.startsWith('apiextensions'),
    );
    const names = TRELLIS_CRDS.map((crd) => (crd.metadata as { name: string }).name)
      .sort()
      .join(',');
    expect(crdGrants).toEqual([
      'apiextensions.k8s.io/customresourcedefinitions:create',
      `apiextensions.k8s.io/customresourcedefinitions[${names}]:get`,
      `apiextensions.k8s.io/customresourcedefinitions[${names}]:patch`,
    ]);
    const env = envOf(
      podSpec(find(manifests, 'Deployment', 'hub-trellis-controller')).containers[0],
    );
    expect(env.TRELLIS_INSTALL_CRDS?.value).toBe('true');
    expect(env.AWS_REGION?.value).toBe('eu-west-1');
  });

  it('sets image tags and extra env from values', async () => {
    const manifests = await template(TRELLIS_CHART, [
      '--set-string',
      'controller.image.tag=1.2.3,api.image.tag=sha-abc',
      '--set',
      'controller.image.repository=123456789012.dkr.ecr.eu-west-1.amazonaws.com/trellis/hub-controller,controller.env[0].name=NODE_OPTIONS,controller.env[0].value=--max-old-space-size=512',
    ]);
    const c = podSpec(find(manifests, 'Deployment', 'hub-trellis-controller')).containers[0];
    expect(c.image).toBe(
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/trellis/hub-controller:1.2.3',
    );
    expect(envOf(c).NODE_OPTIONS?.value).toBe('--max-old-space-size=512');
    expect(podSpec(find(manifests, 'Deployment', 'hub-trellis-api')).containers[0].image).toBe(
      'ghcr.io/trellis-dev/hub-api:sha-abc',
    );
  });
});

describe.concurrent(
  'charts/trellis: values.schema.json rejects bad values with a clear message',
  () => {
    const cases: [string[], string][] = [
      [['--set', 'api.replicas=0'], 'api.replicas: Must be greater than or equal to 1'],
      [
        ['--set-string', 'controller.replicas=two'],
        'controller.replicas: Invalid type. Expected: integer, given: string',
      ],
      [
        ['--set', 'api.image.tag=12'],
        'api.image.tag: Invalid type. Expected: string, given: integer',
      ],
      [
        ['--set', 'controller.image.tag='],
        'controller.image.tag: String length must be greater than or equal to 1',
      ],
      [['--set', 'aws.region=moon-base'], 'aws.region: Does not match pattern'],
      [['--set', 'hubId=Not_A_Label'], 'hubId: Does not match pattern'],
      [['--set', 'aws.roleArn=trellis-hub'], 'aws.roleArn: Does not match pattern'],
      [
        ['--set', 'containerSecurityContext.allowPrivilegeEscalation=true'],
        'containerSecurityContext.allowPrivilegeEscalation',
      ],
      [['--set', 'replicas=3'], 'Additional property replicas is not allowed'],
    ];
    it.each(cases)('helm template %j fails: %s', async (args, message) => {
      const result = await helm(['template', 'hub', TRELLIS_CHART, ...args]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("values don't meet the specifications of the schema(s)");
      expect(result.stderr).toContain(message);
    });

    it('helm lint fails too', async () => {
      const result = await helm(['lint', TRELLIS_CHART, '--set', 'api.replicas=0']);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(
        'api.replicas: Must be greater than or equal to 1',
      );
    });
  },
);
