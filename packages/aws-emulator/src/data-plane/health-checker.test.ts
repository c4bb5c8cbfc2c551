import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  LatticeDataPlaneView,
  LatticeTargetGroupView,
  ReportedHealth,
} from '../lattice/index.ts';
import { HealthChecker } from './health-checker.ts';

/** A view with one service forwarding to one IP target group holding one target. */
function fakeView(port: number, healthCheck: LatticeTargetGroupView['healthCheck']) {
  const reports: { status: ReportedHealth; reasonCode?: string }[] = [];
  let status: ReportedHealth = 'INITIAL';
  const group: LatticeTargetGroupView = {
    id: 'tg-1',
    arn: 'arn:tg-1',
    name: 'g',
    type: 'IP',
    accountId: '1',
    region: 'r',
    port,
    healthCheck,
  };
  const view: Pick<
    LatticeDataPlaneView,
    'listServices' | 'listenersOf' | 'targetGroup' | 'targetsOf' | 'setTargetHealth' | 'revision'
  > = {
    revision: () => 1,
    listServices: () => [
      {
        id: 's',
        arn: 'arn:s',
        name: 's',
        accountId: '1',
        region: 'r',
        dnsName: 'd',
        authType: 'NONE',
        status: 'ACTIVE',
        idleTimeoutSeconds: 60,
        serviceNetworks: [],
      },
    ],
    listenersOf: () => [
      {
        id: 'l',
        arn: 'arn:l',
        name: 'l',
        protocol: 'HTTP',
        port: 80,
        rules: [
          {
            id: 'r',
            arn: 'arn:r',
            name: 'default',
            isDefault: true,
            action: { type: 'forward', targetGroups: [{ targetGroupId: 'tg-1', weight: 1 }] },
          },
        ],
      },
    ],
    targetGroup: () => group,
    targetsOf: () => [{ id: '127.0.0.1', port, status }],
    setTargetHealth: (_group, _target, next, reasonCode) => {
      status = next;
      reports.push(reasonCode === undefined ? { status: next } : { status: next, reasonCode });
      return true;
    },
  };
  return { view: view as LatticeDataPlaneView, reports };
}

async function server(
  handler: http.RequestListener,
): Promise<{ port: number; close(): Promise<void> }> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    port: (s.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      }),
  };
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('HealthChecker', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  it('needs one pass for a new target, the healthy threshold after being unhealthy', async () => {
    let answer = 200;
    let passes = 0;
    const target = await server((_req, res) => {
      if (answer === 200) passes += 1;
      res.writeHead(answer).end();
    });
    cleanup.push(() => target.close());
    const { view, reports } = fakeView(target.port, {
      enabled: true,
      path: '/',
      intervalSeconds: 5,
      healthyThresholdCount: 3,
      unhealthyThresholdCount: 2,
    });
    const checker = new HealthChecker(view, { intervalScale: 0.01, minTimeoutMs: 1000 });
    cleanup.push(() => checker.stop());
    checker.start();
    await until(() => reports.length === 1);
    expect(reports[0]).toEqual({ status: 'HEALTHY' });

    answer = 500;
    await until(() => reports.length === 2);
    expect(reports[1]).toEqual({ status: 'UNHEALTHY', reasonCode: 'Target.ResponseCodeMismatch' });

    passes = 0;
    answer = 200;
    await until(() => reports.length === 3);
    expect(reports[2]).toEqual({ status: 'HEALTHY' });
    expect(passes).toBeGreaterThanOrEqual(3);
  });

  it('reports timeouts and refused connections with their reason codes', async () => {
    const silent = await server(() => undefined); // never answers
    cleanup.push(() => silent.close());
    const slow = fakeView(silent.port, {
      enabled: true,
      intervalSeconds: 5,
      timeoutSeconds: 1,
      unhealthyThresholdCount: 2,
    });
    const checker = new HealthChecker(slow.view, { intervalScale: 0.01, minTimeoutMs: 100 });
    cleanup.push(() => checker.stop());
    checker.start();
    await until(() => slow.reports.length === 1);
    expect(slow.reports[0]).toEqual({ status: 'UNHEALTHY', reasonCode: 'Target.Timeout' });

    const closed = await server(() => undefined);
    await closed.close();
    const refused = fakeView(closed.port, { enabled: true, intervalSeconds: 5 });
    const checker2 = new HealthChecker(refused.view, { intervalScale: 0.01 });
    cleanup.push(() => checker2.stop());
    checker2.start();
    await until(() => refused.reports.length === 1);
    expect(refused.reports[0]).toEqual({
      status: 'UNHEALTHY',
      reasonCode: 'Target.FailedHealthChecks',
    });
  });
});
