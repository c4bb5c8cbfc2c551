// The real `trellis` process against an in-process sandbox (emulated EKS and AWS, Redis,
// hub-controller, hub-api). One sandbox for the file; the tests run in order and build on each
// other: log in, onboard the demo tenant and its clusters with --wait, then read, mint tokens and
// check the exit codes.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequests, startSandbox, type Sandbox } from '@trellis/sandbox';
import { freePort } from '@trellis/testkit';
import { runTrellis } from './support/run-trellis.ts';

interface DemoTenant {
  name: string;
  spec: {
    displayName: string;
    networkAccount: { accountId: string; roleArn: string; externalId: string; region: string };
  };
}
interface DemoCluster {
  name: string;
  spec: {
    eks: {
      accountId: string;
      roleArn: string;
      externalId: string;
      clusterName: string;
      region: string;
    };
  };
}

// Each step spawns Node processes; on a busy 2-core machine one can take several seconds.
describe('trellis against the sandbox', { timeout: 120_000 }, () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;
  const demo = demoRequests() as { tenant: DemoTenant; clusters: DemoCluster[] };
  const account = demo.tenant.spec.networkAccount;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trellis-cli-'));
    sandbox = await startSandbox({
      stateDir: join(dir, 'sandbox'),
      logger: pino({ level: 'silent' }),
    });
    env = { HOME: dir, TRELLIS_CONFIG: join(dir, 'config.yaml') };
  }, 90_000);
  afterAll(async () => {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('logs in: stores server and token 0600, never prints the token', async () => {
    const result = await runTrellis(
      ['login', '--server', sandbox.apiUrl, '--token', sandbox.adminToken],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Logged in to ${sandbox.apiUrl} as admin`);
    expect(result.stdout + result.stderr).not.toContain(sandbox.adminToken);
    expect((await stat(env.TRELLIS_CONFIG ?? '')).mode & 0o777).toBe(0o600);
    expect(parse(await readFile(env.TRELLIS_CONFIG ?? '', 'utf8'))).toEqual({
      server: sandbox.apiUrl,
      token: sandbox.adminToken,
    });

    const bad = await runTrellis(
      ['login', '--server', sandbox.apiUrl, '--token', 'not-the-admin-token-at-all'],
      { ...env, TRELLIS_CONFIG: join(dir, 'other.yaml') },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Authentication required (HTTP 401)');
    expect(bad.stderr).not.toContain('not-the-admin-token-at-all');
  });

  it('onboards the demo tenant with --wait, printing conditions as they change', async () => {
    const result = await runTrellis(
      [
        'tenant',
        'create',
        'acme',
        '--account',
        account.accountId,
        '--role-arn',
        account.roleArn,
        '--external-id',
        account.externalId,
        '--region',
        account.region,
        '--display-name',
        'ACME Corp',
        '--wait',
        '--timeout',
        '90s',
      ],
      env,
    );
    expect(result.stderr).toContain('waiting up to 90s for tenant acme to be Ready');
    expect(result.stderr).toMatch(/tenant acme: CredentialsReady=True/);
    expect(result.stderr).toContain('tenant acme is Ready');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME\s+READY\s+REASON/m);
    expect(result.stdout).toMatch(/^acme\s+True\s/m);
  }, 120_000);

  it('registers the three EKS clusters with --wait', async () => {
    const results = await Promise.all(
      demo.clusters.map((c) =>
        runTrellis(
          [
            'cluster',
            'add',
            c.name,
            '--tenant',
            'acme',
            '--account',
            c.spec.eks.accountId,
            '--role-arn',
            c.spec.eks.roleArn,
            '--external-id',
            c.spec.eks.externalId,
            '--eks-name',
            c.spec.eks.clusterName,
            '--region',
            c.spec.eks.region,
            '--wait',
            '--timeout',
            '120s',
            '-o',
            'json',
          ],
          env,
        ),
      ),
    );
    for (const [i, r] of results.entries()) {
      expect(r.stderr).toContain(`cluster acme/${demo.clusters[i]?.name} is Ready`);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { name: string }).name).toBe(demo.clusters[i]?.name);
    }
  }, 150_000);

  it('lists and gets tenants as a table, JSON and YAML', async () => {
    const table = await runTrellis(['tenant', 'list'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^NAME\s+READY\s+REASON\s+ACCOUNT\s+REGION\s+SERVICE NETWORK\s+CLUSTERS\s+AGE$/m,
    );
    expect(table.stdout).toMatch(
      new RegExp(
        `^acme\\s+True\\s+\\S+\\s+${account.accountId}\\s+${account.region}\\s+trellis-acme\\s+3\\s`,
        'm',
      ),
    );

    const json = await runTrellis(['tenant', 'list', '-o', 'json'], env);
    const list = JSON.parse(json.stdout) as {
      items: {
        name: string;
        spec: unknown;
        status: { conditions: { type: string; status: string }[] };
      }[];
    };
    expect(list.items.map((t) => t.name)).toEqual(['acme']);
    expect(list.items[0]?.spec).toEqual(demo.tenant.spec);

    const get = await runTrellis(['tenant', 'get', 'acme', '-o', 'yaml'], env);
    const view = parse(get.stdout) as {
      name: string;
      status: { conditions: { type: string; status: string }[] };
    };
    expect(view.name).toBe('acme');
    expect(view.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');

    const human = await runTrellis(['tenant', 'get', 'acme'], env);
    expect(human.stdout).toMatch(/^Conditions:$/m);
    expect(human.stdout).toMatch(/^\s+Ready\s+True\s/m);
  });

  it('lists the demo clusters Ready', async () => {
    const table = await runTrellis(['cluster', 'list', '--tenant', 'acme'], env);
    expect(table.code).toBe(0);
    for (const c of demo.clusters)
      expect(table.stdout).toMatch(
        new RegExp(`^${c.name}\\s+True\\s+\\S+\\s+EKS\\s+${c.spec.eks.region}\\s`, 'm'),
      );

    const json = JSON.parse(
      (await runTrellis(['cluster', 'list', '--tenant', 'acme', '-o', 'json'], env)).stdout,
    ) as { items: { name: string; tenant: string }[] };
    expect(json.items.map((c) => c.name)).toEqual(demo.clusters.map((c) => c.name).sort());
    expect(json.items.every((c) => c.tenant === 'acme')).toBe(true);

    const get = await runTrellis(['cluster', 'get', 'blue', '--tenant', 'acme'], env);
    expect(get.stdout).toMatch(/^\s+VPCAssociated\s+True\s/m);
  });

  it('runs a migration of shop/inventory from blue to green to the end, watched live', async () => {
    for (const cluster of ['blue', 'green']) await sandbox.app.exportFrom(cluster);
    // the hub has built the multi-cluster service once client imports it from both clusters
    for (let i = 0; ; i++) {
      const imported = sandbox.world.kube
        .objects('client')
        .get('serviceimports.multicluster.x-k8s.io', 'shop', 'inventory') as
        { status?: { clusters?: unknown[] } } | undefined;
      if (imported?.status?.clusters?.length === 2) break;
      if (i > 240) throw new Error('no ServiceImport in client with blue and green');
      await new Promise((r) => setTimeout(r, 250));
    }
    const file = join(dir, 'to-green.yaml');
    await writeFile(
      file,
      [
        'name: to-green',
        'spec:',
        '  fromCluster: blue',
        '  toCluster: green',
        '  services: { list: [{ namespace: shop, name: inventory }] }',
        '  steps: [{ weightPercent: 50, pauseSeconds: 1 }, { weightPercent: 100, pauseSeconds: 0 }]',
        '  healthGate: { minHealthyTargetRatio: 1, holdSeconds: 0, intervalSeconds: 1, timeoutSeconds: 60 }',
        '',
      ].join('\n'),
    );
    const started = await runTrellis(
      ['migration', 'start', '--tenant', 'acme', '-f', file, '--watch', '--timeout', '150s'],
      env,
    );
    expect(started.code, started.stderr).toBe(0);
    const status = await runTrellis(
      ['migration', 'status', 'to-green', '--tenant', 'acme', '-o', 'json'],
      env,
    );
    expect(status.code).toBe(0);
    const view = JSON.parse(status.stdout) as {
      status: { phase: string; weightsApplied?: { toPercent: number }[] };
    };
    expect(view.status.phase).toBe('Succeeded');
    expect(view.status.weightsApplied?.[0]?.toPercent).toBe(100);
    // finished: an abort is refused with the state machine's reason
    const abort = await runTrellis(['migration', 'abort', 'to-green', '--tenant', 'acme'], env);
    expect(abort.code).toBe(1);
    expect(abort.stderr).toMatch(/AlreadyFinished|already finished/i);
  }, 200_000);

  it('tenant create with bad flags: exit 1 with the title, detail and each field error', async () => {
    const result = await runTrellis(
      ['tenant', 'create', 'bad', '--account', '12', '--role-arn', 'nope', '--region', 'moon-1'],
      env,
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('error: The request is invalid (HTTP 400)');
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}spec\.networkAccount\.accountId \(--account\): /),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}spec\.networkAccount\.roleArn \(--role-arn\): /),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}spec\.networkAccount\.region \(--region\): /),
    );
  });

  it('creating what exists is exit 1 with the conflict reason', async () => {
    const result = await runTrellis(
      [
        'tenant',
        'create',
        'acme',
        '--account',
        account.accountId,
        '--role-arn',
        account.roleArn,
        '--region',
        account.region,
      ],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('reason: AlreadyExists');
  });

  it('usage errors are exit 2: unknown command, unknown option, missing flags, bad -o', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], "error: unknown command 'frobnicate'"],
      [['tenant', 'list', '--bogus'], "error: unknown option '--bogus'"],
      [['tenant', 'create', 'x', '--account', '123456789012'], 'missing --role-arn, --region'],
      [['tenant', 'list', '-o', 'xml'], 'unknown output format "xml"'],
      [['cluster', 'get'], "error: missing required argument 'name'"],
      [[], 'Usage: trellis'],
    ];
    const results = await Promise.all(cases.map(([args]) => runTrellis(args, env)));
    for (const [i, [args, message]] of cases.entries()) {
      expect({ args, code: results[i]?.code }).toEqual({ args, code: 2 });
      expect(results[i]?.stderr).toContain(message);
    }
  });

  it('a missing resource is exit 3', async () => {
    const result = await runTrellis(['cluster', 'get', 'nope', '--tenant', 'acme'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('cluster "nope" not found');
  });

  it('an unreachable server is exit 4, with or without a stored login', async () => {
    const port = await freePort();
    const result = await runTrellis(['tenant', 'list'], {
      ...env,
      TRELLIS_SERVER: `http://127.0.0.1:${port}`,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      `cannot reach the server at http://127.0.0.1:${port}: ECONNREFUSED`,
    );
    const notLoggedIn = await runTrellis(['tenant', 'list'], {
      HOME: dir,
      TRELLIS_CONFIG: join(dir, 'absent.yaml'),
    });
    expect(notLoggedIn.code).toBe(2);
    expect(notLoggedIn.stderr).toContain('not logged in');
  });

  it('a minted token works with tenant get and sees only its own tenant', async () => {
    const other = await runTrellis(
      [
        'tenant',
        'create',
        'globex',
        '--account',
        account.accountId,
        '--role-arn',
        account.roleArn,
        '--region',
        account.region,
      ],
      env,
    );
    expect(other.code).toBe(0);

    const minted = await runTrellis(['token', 'create', 'ci-deploy', '--tenant', 'acme'], env);
    expect(minted.code).toBe(0);
    const token = minted.stdout.trim();
    expect(token).toMatch(/^trls_acme_[0-9a-f]{52}$/);
    expect(minted.stderr).toContain('never shown again');

    const asTenant = {
      HOME: dir,
      TRELLIS_CONFIG: join(dir, 'absent.yaml'),
      TRELLIS_SERVER: sandbox.apiUrl,
      TRELLIS_TOKEN: token,
    };
    const get = await runTrellis(['tenant', 'get', 'acme', '-o', 'json'], asTenant);
    expect(get.code).toBe(0);
    expect((JSON.parse(get.stdout) as { name: string }).name).toBe('acme');
    const list = await runTrellis(['tenant', 'list', '-o', 'json'], asTenant);
    expect(
      (JSON.parse(list.stdout) as { items: { name: string }[] }).items.map((t) => t.name),
    ).toEqual(['acme']);
    const foreign = await runTrellis(['tenant', 'get', 'globex'], asTenant);
    expect(foreign.code).toBe(3);
    // --tenant defaults to the token's tenant.
    const clusters = await runTrellis(['cluster', 'list', '-o', 'json'], asTenant);
    expect(clusters.code).toBe(0);
    expect((JSON.parse(clusters.stdout) as { items: unknown[] }).items).toHaveLength(3);
    const forbidden = await runTrellis(['tenant', 'delete', 'acme'], asTenant);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('Not allowed (HTTP 403)');

    const tokens = await runTrellis(['token', 'list', '--tenant', 'acme'], env);
    expect(tokens.stdout).toMatch(/^ID\s+NAME\s+AGE$/m);
    expect(tokens.stdout).toContain('ci-deploy');
    expect(tokens.stdout).not.toContain(token);
    const id = token.slice('trls_acme_'.length, 'trls_acme_'.length + 12);
    expect((await runTrellis(['token', 'revoke', id, '--tenant', 'acme'], env)).code).toBe(0);
    const revoked = await runTrellis(['tenant', 'get', 'acme'], asTenant);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain('Authentication required (HTTP 401)');
  });

  it('lists and gets the multi-cluster service the migration moved', async () => {
    const listed = await runTrellis(['service', 'list', '--tenant', 'acme'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY/m);
    expect(listed.stdout).toMatch(/shop\s+inventory/);
    const got = await runTrellis(
      ['service', 'get', 'shop/inventory', '--tenant', 'acme', '-o', 'json'],
      env,
    );
    expect(got.code, got.stderr).toBe(0);
    const view = JSON.parse(got.stdout) as {
      dnsName?: string;
      clusters: { name: string; weight?: number }[];
    };
    expect(view.dnsName).toMatch(/vpc-lattice-svcs/);
    expect(view.clusters.map((c) => c.name)).toEqual(['blue', 'green']);
    const missing = await runTrellis(['service', 'get', 'shop/nope', '--tenant', 'acme'], env);
    expect(missing.code).toBe(3);
  });

  it('creates, lists, suspends and resumes an upgrade schedule', async () => {
    const created = await runTrellis(
      [
        'schedule',
        'create',
        'nightly',
        '--tenant',
        'acme',
        '--cron',
        '0 2 * * *',
        '--time-zone',
        'Europe/Berlin',
        '--window',
        'Mon,Tue,Wed,Thu 01:00-05:00',
        '--from',
        'green',
        '--to',
        'blue',
        '--all',
        '-o',
        'json',
      ],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'nightly',
      spec: { cron: '0 2 * * *', timeZone: 'Europe/Berlin' },
      suspended: false,
    });
    const listed = await runTrellis(['schedule', 'list', '--tenant', 'acme'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('nightly');
    const suspended = await runTrellis(
      ['schedule', 'suspend', 'nightly', '--tenant', 'acme', '-o', 'json'],
      env,
    );
    expect(suspended.code, suspended.stderr).toBe(0);
    expect(JSON.parse(suspended.stdout)).toMatchObject({ suspended: true });
    const resumed = await runTrellis(['schedule', 'resume', 'nightly', '--tenant', 'acme'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('schedule acme/nightly resumed');
    const bad = await runTrellis(
      [
        'schedule',
        'create',
        'bad',
        '--tenant',
        'acme',
        '--cron',
        'not a cron',
        '--from',
        'blue',
        '--to',
        'green',
        '--all',
      ],
      env,
    );
    expect(bad.code).toBe(1);
  });

  it('tenant create -f reads the REST body from a YAML file; delete removes it', async () => {
    const file = join(dir, 'initech.yaml');
    await writeFile(
      file,
      `name: initech\nspec:\n  networkAccount:\n    accountId: "${account.accountId}"\n    roleArn: ${account.roleArn}\n    externalId: ${account.externalId}\n    region: ${account.region}\n`,
    );
    const created = await runTrellis(['tenant', 'create', '-f', file, '-o', 'json'], env);
    expect(created.code).toBe(0);
    expect((JSON.parse(created.stdout) as { name: string }).name).toBe('initech');
    const deleted = await runTrellis(
      ['tenant', 'delete', 'initech', '--wait', '--timeout', '150s'],
      env,
    );
    expect(deleted.stderr).toContain('tenant initech is gone');
    expect(deleted.code).toBe(0);
    expect((await runTrellis(['tenant', 'get', 'initech'], env)).code).toBe(3);
  }, 200_000);
});
