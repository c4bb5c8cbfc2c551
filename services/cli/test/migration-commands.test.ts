// `trellis migration …` in-process against the PROTOCOL FIXTURE of support/migration-protocol-
// fixture.ts (hub-api has no migration routes yet): the live progress view on a fake terminal and
// in a pipe, exit codes of the outcomes, and the bodies start/pause/resume/abort/promote send.
// That the real server's missing route gives a clear message is tested against the sandbox in
// cli-against-sandbox.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/run-cli.ts';
import { fakeIo } from './support/fake-io.ts';
import {
  migrationFrame,
  startMigrationFixture,
  type MigrationFixture,
} from './support/migration-protocol-fixture.ts';

const TOKEN = 'fixture-admin-token-0123456789';

describe('trellis migration (against the migration protocol fixture)', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  const envFor = (f: MigrationFixture) => ({
    TRELLIS_SERVER: f.url,
    TRELLIS_TOKEN: TOKEN,
    TRELLIS_CONFIG: '/nonexistent/trellis.yaml',
    TRELLIS_POLL_INTERVAL_MS: '5',
  });
  const progression = () => [
    migrationFrame('Pending', 0, 0),
    migrationFrame('Progressing', 0, 10),
    migrationFrame('Progressing', 1, 50),
    migrationFrame('Progressing', 2, 100),
    migrationFrame('Succeeded', 3, 100),
  ];

  it('status --watch on a terminal draws live bars for steps and weights until Succeeded (exit 0)', async () => {
    fixture = await startMigrationFixture(progression());
    const io = fakeIo(envFor(fixture), { tty: true });
    const code = await runCli(['migration', 'status', 'm1', '--tenant', 'acme', '--watch'], io);
    expect(io.stderr.text).toBe('');
    expect(code).toBe(0);
    expect(io.stdout.text).toContain('\x1b['); // cursor control: a live redraw, not a log
    const screen = io.stdout.plain;
    expect(screen).toMatch(/steps +█+ 3\/3 steps {2}Succeeded/);
    expect(screen).toMatch(/green +█{30} 100% → green {2}\(blue 0%\)/);
    expect(fixture.requests.filter((r) => r.method === 'GET')).toHaveLength(5);
  });

  it('status --watch into a pipe prints one line per change', async () => {
    fixture = await startMigrationFixture(progression());
    const io = fakeIo(envFor(fixture));
    expect(await runCli(['migration', 'status', 'm1', '--tenant', 'acme', '--watch'], io)).toBe(0);
    const lines = io.stdout.text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^Pending +steps 0\/3 +\[░{20}\] 0% → green \(blue 100%\)/);
    expect(lines[1]).toMatch(
      /^Progressing +steps 0\/3 +\[██░{18}\] 10% → green \(blue 90%\) +gate Pending \(healthy 50%\)/,
    );
    expect(lines[2]).toMatch(/steps 1\/3 +\[█{10}░{10}\] 50% → green/);
    expect(lines[4]).toMatch(/^Succeeded +steps 3\/3 +\[█{20}\] 100% → green \(blue 0%\)/);
  });

  it('a migration that ends Failed is exit 1 with the reason; --timeout is exit 5', async () => {
    fixture = await startMigrationFixture([
      migrationFrame('Progressing', 0, 10),
      migrationFrame('Failed', 0, 0, {
        rollback: {
          reason: 'GateFailed',
          message: 'healthy ratio 0.40 below 1.00 for 600s',
          since: '2026-11-23T16:10:00Z',
        },
      }),
    ]);
    const failed = fakeIo(envFor(fixture));
    expect(await runCli(['migration', 'status', 'm1', '--tenant', 'acme', '--watch'], failed)).toBe(
      1,
    );
    expect(failed.stderr.text).toContain(
      'migration m1 ended Failed: healthy ratio 0.40 below 1.00 for 600s',
    );
    await fixture.close();

    fixture = await startMigrationFixture([migrationFrame('Progressing', 1, 50)]);
    const slow = fakeIo(envFor(fixture));
    expect(
      await runCli(
        ['migration', 'status', 'm1', '--tenant', 'acme', '--watch', '--timeout', '150ms'],
        slow,
      ),
    ).toBe(5);
    expect(slow.stderr.text).toMatch(
      /stopped watching migration m1 after \d+s; it is still Progressing/,
    );
  });

  it('status without --watch shows steps, weights applied and conditions; -o json is the view', async () => {
    fixture = await startMigrationFixture([migrationFrame('Progressing', 1, 50)]);
    const io = fakeIo(envFor(fixture));
    expect(await runCli(['migration', 'status', 'm1', '--tenant', 'acme'], io)).toBe(0);
    expect(io.stdout.text).toMatch(/^m1\s+blue\s+green\s+Progressing\s+1\/3\s+50%/m);
    expect(io.stdout.text).toMatch(/^2\s+█{5}░{5} 50%\s+600s\s+applied\s+Pending$/m);
    expect(io.stdout.text).toMatch(/^shop\/checkout\s+50%\s+50%$/m);
    const json = fakeIo(envFor(fixture));
    expect(
      await runCli(['migration', 'status', 'm1', '--tenant', 'acme', '-o', 'json'], json),
    ).toBe(0);
    expect(JSON.parse(json.stdout.text)).toEqual(migrationFrame('Progressing', 1, 50));
  });

  it('start sends {name, spec} built from the flags', async () => {
    fixture = await startMigrationFixture([migrationFrame('Pending', 0, 0)]);
    const io = fakeIo(envFor(fixture));
    const code = await runCli(
      [
        'migration',
        'start',
        'm1',
        '--tenant',
        'acme',
        '--from',
        'blue',
        '--to',
        'green',
        '--service',
        'shop/checkout',
        '--service',
        'shop/cart',
        '--steps',
        '10:5m,50:90s,100',
        '--failure-policy',
        'Pause',
      ],
      io,
    );
    expect(io.stderr.text).toBe('');
    expect(code).toBe(0);
    expect(io.stdout.text).toContain('migration acme/m1 started: blue → green');
    expect(fixture.requests[0]).toMatchObject({
      method: 'POST',
      url: '/v1/tenants/acme/migrations',
      body: {
        name: 'm1',
        spec: {
          fromCluster: 'blue',
          toCluster: 'green',
          services: {
            list: [
              { namespace: 'shop', name: 'checkout' },
              { namespace: 'shop', name: 'cart' },
            ],
          },
          steps: [
            { weightPercent: 10, pauseSeconds: 300 },
            { weightPercent: 50, pauseSeconds: 90 },
            { weightPercent: 100, pauseSeconds: 0 },
          ],
          failurePolicy: 'Pause',
        },
      },
    });
    const usage = fakeIo(envFor(fixture));
    expect(
      await runCli(
        [
          'migration',
          'start',
          'm2',
          '--tenant',
          'acme',
          '--from',
          'blue',
          '--to',
          'green',
          '--all',
          '--selector',
          'tier=web',
        ],
        usage,
      ),
    ).toBe(2);
    expect(usage.stderr.text).toContain('exactly one of --all, --service');
  });

  it('pause, resume, abort and promote write spec.paused or a one-shot spec.action by merge patch', async () => {
    fixture = await startMigrationFixture([
      migrationFrame('Paused', 1, 50, {
        pause: { reason: 'Manual', since: '2026-11-23T16:10:00Z', resumePhase: 'Progressing' },
      }),
    ]);
    for (const command of ['pause', 'resume', 'abort', 'promote']) {
      const io = fakeIo(envFor(fixture));
      expect(await runCli(['migration', command, 'm1', '--tenant', 'acme'], io)).toBe(0);
    }
    const patches = fixture.requests.filter((r) => r.method === 'PATCH');
    expect(
      patches.every(
        (p) =>
          p.url === '/v1/tenants/acme/migrations/m1' &&
          p.contentType === 'application/merge-patch+json',
      ),
    ).toBe(true);
    const specs = patches.map((p) => (p.body as { spec: Record<string, unknown> }).spec);
    expect(specs[0]).toEqual({ paused: true });
    expect(specs[1]).toMatchObject({ paused: false, action: { type: 'Resume' } });
    expect(specs[2]).toMatchObject({ action: { type: 'Abort' } });
    expect(specs[3]).toMatchObject({ action: { type: 'Promote' } });
    expect(Date.parse((specs[3]?.action as { requestedAt: string }).requestedAt)).not.toBeNaN();
  });

  it('a missing migration is exit 3; a missing route is "not supported yet" (exit 1)', async () => {
    fixture = await startMigrationFixture([migrationFrame('Pending', 0, 0)]);
    const missing = fakeIo(envFor(fixture));
    expect(await runCli(['migration', 'status', 'nope', '--tenant', 'acme'], missing)).toBe(3);
    expect(missing.stderr.text).toContain('migration "nope" not found');
    const noRoute = fakeIo(envFor(fixture));
    expect(await runCli(['schedule', 'list', '--tenant', 'acme'], noRoute)).toBe(1);
    expect(noRoute.stderr.text.trim()).toBe(
      'the server does not support migration schedules yet (404 on GET /v1/tenants/acme/upgrade-schedules)',
    );
  });

  it('schedule create sends an UpgradeSchedule {cron, timeZone, window, migrationTemplate}', async () => {
    fixture = await startMigrationFixture([migrationFrame('Pending', 0, 0)]);
    const io = fakeIo(envFor(fixture));
    const args = [
      'schedule',
      'create',
      'nightly',
      '--tenant',
      'acme',
      '--cron',
      '*/30 1-4 * * *',
      '--time-zone',
      'Europe/Berlin',
      '--window',
      'Mon,Tue,Wed,Thu 01:00-05:00',
      '--pause-when-window-closes',
      '--from',
      'blue',
      '--to',
      'green',
      '--all',
    ];
    expect(await runCli(args, io)).toBe(0);
    expect(io.stdout.text).toContain(
      'schedule acme/nightly created (*/30 1-4 * * * Europe/Berlin)',
    );
    expect(fixture.requests[0]?.body).toEqual({
      name: 'nightly',
      spec: {
        cron: '*/30 1-4 * * *',
        timeZone: 'Europe/Berlin',
        window: { days: ['Mon', 'Tue', 'Wed', 'Thu'], start: '01:00', end: '05:00' },
        migrationTemplate: {
          spec: { fromCluster: 'blue', toCluster: 'green', services: { all: true } },
        },
        pauseWhenWindowCloses: true,
      },
    });
    const bad = fakeIo(envFor(fixture));
    expect(
      await runCli(
        [
          'schedule',
          'create',
          'x',
          '--tenant',
          'acme',
          '--cron',
          '* * * * *',
          '--window',
          'weekdays',
          '--from',
          'a',
          '--to',
          'b',
          '--all',
        ],
        bad,
      ),
    ).toBe(2);
  });
});
