// The module at the AwsRequest level: restJson1 error rendering, status codes, operation
// reporting for the call log, and the data-plane view's routing data.
import { describe, expect, it } from 'vitest';
import { ACCOUNT, call, service, VPC } from './testing/lattice-test-module.ts';
import { createLatticeService } from './index.ts';

describe('restJson1 surface', () => {
  it('answers creates with 201, some deletes with 204 and no body, and reports the operation', async () => {
    const lattice = service();
    const created = await call(lattice, 'POST', '/servicenetworks', { name: 'net' });
    expect(created).toMatchObject({
      status: 201,
      operation: 'CreateServiceNetwork',
      mutating: true,
    });
    const id = created.json?.['id'] as string;
    const got = await call(lattice, 'GET', `/servicenetworks/${id}`);
    expect(got).toMatchObject({ status: 200, operation: 'GetServiceNetwork', mutating: false });
    expect(got.json?.['createdAt']).toBe('2026-03-01T12:00:00.000Z');
    const deleted = await call(
      lattice,
      'DELETE',
      `/servicenetworks/${encodeURIComponent(created.json?.['arn'] as string)}`,
    );
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeUndefined();
  });

  it('renders errors with x-amzn-errortype and the shape members in the body', async () => {
    const lattice = service();
    const invalid = await call(lattice, 'POST', '/servicenetworks', { name: 'No' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(invalid.json).toMatchObject({
      reason: 'fieldValidationFailed',
      fieldList: [{ name: 'name' }],
    });
    const missing = await call(lattice, 'GET', '/services/svc-0123456789abcdef0');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({
      resourceId: 'svc-0123456789abcdef0',
      resourceType: 'SERVICE',
    });
    const garbled = await call(lattice, 'POST', '/servicenetworks', '{nope');
    expect(garbled.json).toMatchObject({ reason: 'cannotParse' });
    const unknown = await call(lattice, 'GET', '/resourcegateways');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });
});

describe('data-plane view', () => {
  it('resolves hosts, orders rules, defaults weights and records health', async () => {
    const lattice = service();
    const svc = (
      await call(lattice, 'POST', '/services', { name: 'api', customDomainName: 'api.example.com' })
    ).json!;
    const tg = (
      await call(lattice, 'POST', '/targetgroups', {
        name: 'api-tg',
        type: 'IP',
        config: { port: 8080, protocol: 'HTTP', vpcIdentifier: VPC },
      })
    ).json!;
    const listener = (
      await call(lattice, 'POST', `/services/${svc['id'] as string}/listeners`, {
        name: 'http',
        protocol: 'HTTP',
        defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg['arn'] }] } },
      })
    ).json!;
    const rules = `/services/${svc['id'] as string}/listeners/${listener['id'] as string}/rules`;
    await call(lattice, 'POST', rules, {
      name: 'second',
      priority: 20,
      match: { httpMatch: { pathMatch: { match: { prefix: '/b' } } } },
      action: { fixedResponse: { statusCode: 418 } },
    });
    await call(lattice, 'POST', rules, {
      name: 'first',
      priority: 10,
      match: {
        httpMatch: {
          headerMatches: [{ name: 'x-canary', match: { exact: '1' }, caseSensitive: true }],
        },
      },
      action: { forward: { targetGroups: [{ targetGroupIdentifier: tg['id'], weight: 5 }] } },
    });
    await call(lattice, 'POST', `/targetgroups/${tg['id'] as string}/registertargets`, {
      targets: [{ id: '10.0.0.5' }],
    });

    const dp = lattice.dataPlane;
    const dns = (svc['dnsEntry'] as { domainName: string }).domainName;
    expect(dp.findServiceByHost(dns.toUpperCase())?.id).toBe(svc['id']);
    expect(dp.findServiceByHost('API.example.com:443')?.id).toBe(svc['id']);
    expect(dp.findServiceByHost('other.example.com')).toBeUndefined();

    const view = dp.listenerFor(svc['arn'] as string, 80)!;
    expect(view.rules.map((r) => [r.name, r.priority, r.isDefault])).toEqual([
      ['first', 10, false],
      ['second', 20, false],
      ['default', undefined, true],
    ]);
    expect(view.rules[0].match?.headerMatches).toEqual([
      { name: 'x-canary', match: { exact: '1' }, caseSensitive: true },
    ]);
    expect(view.rules[2].action).toEqual({
      type: 'forward',
      targetGroups: [{ targetGroupId: tg['id'], weight: 1 }],
    });
    expect(dp.targetGroup(tg['arn'] as string)).toMatchObject({
      port: 8080,
      vpcId: VPC,
      healthCheck: { enabled: true, path: '/' },
    });

    expect(dp.targetsOf(tg['id'] as string)).toEqual([
      { id: '10.0.0.5', port: 8080, status: 'INITIAL', reasonCode: 'Elb.RegistrationInProgress' },
    ]);
    expect(dp.setTargetHealth(tg['id'] as string, { id: '10.0.0.5' }, 'HEALTHY')).toBe(true);
    expect(dp.setTargetHealth(tg['id'] as string, { id: '10.0.0.6' }, 'HEALTHY')).toBe(false);
    expect(dp.setTargetHealth('tg-0123456789abcdef0', { id: '10.0.0.5' }, 'HEALTHY')).toBe(false);
    expect(dp.targetsOf(tg['id'] as string)).toEqual([
      { id: '10.0.0.5', port: 8080, status: 'HEALTHY' },
    ]);
  });

  it('exposes auth policies, access-log destinations and a change counter', async () => {
    const lattice = service();
    const dp = lattice.dataPlane;
    const before = dp.revision();
    const sn = (
      await call(lattice, 'POST', '/servicenetworks', { name: 'net', authType: 'AWS_IAM' })
    ).json!;
    expect(dp.revision()).toBeGreaterThan(before);
    expect(dp.authPolicyOf(sn['id'] as string)).toBeUndefined();
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    });
    await call(lattice, 'PUT', `/authpolicy/${sn['id'] as string}`, { policy });
    expect(dp.authPolicyOf(sn['arn'] as string)).toEqual({ policy, active: true });
    await call(lattice, 'POST', '/accesslogsubscriptions', {
      resourceIdentifier: sn['id'],
      destinationArn: 'arn:aws:s3:::lattice-logs',
    });
    expect(dp.accessLogDestinationsOf(sn['id'] as string)).toEqual(['arn:aws:s3:::lattice-logs']);
    const afterWrites = dp.revision();
    await call(lattice, 'GET', `/servicenetworks/${sn['id'] as string}`);
    expect(dp.revision()).toBe(afterWrites);
  });

  it('can report unchecked targets HEALTHY when no health checker runs', async () => {
    const lattice = createLatticeService({
      accounts: {
        accountExists: () => true,
        vpcOwner: () => ACCOUNT,
        organizationOf: () => undefined,
        organizationSharingEnabled: () => false,
        organizationalUnitsOf: () => [],
        managementAccountOf: () => undefined,
      },
      clock: { now: () => new Date('2026-03-01T12:00:00Z') },
      initialTargetHealth: 'HEALTHY',
    });
    const svc = (await call(lattice, 'POST', '/services', { name: 'api' })).json!;
    const tg = (
      await call(lattice, 'POST', '/targetgroups', {
        name: 'api-tg',
        type: 'IP',
        config: { port: 8080, protocol: 'HTTP', vpcIdentifier: VPC },
      })
    ).json!;
    await call(lattice, 'POST', `/services/${svc['id'] as string}/listeners`, {
      name: 'http',
      protocol: 'HTTP',
      defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg['id'] }] } },
    });
    await call(lattice, 'POST', `/targetgroups/${tg['id'] as string}/registertargets`, {
      targets: [{ id: '10.0.0.5' }],
    });
    expect(lattice.dataPlane.targetsOf(tg['id'] as string)).toEqual([
      { id: '10.0.0.5', port: 8080, status: 'HEALTHY' },
    ]);
  });

  it('resolves shareable ARNs for RAM', async () => {
    const lattice = service();
    const sn = (await call(lattice, 'POST', '/servicenetworks', { name: 'net' })).json!;
    expect(lattice.resolve(sn['arn'] as string)).toEqual({
      arn: sn['arn'],
      ownerAccountId: ACCOUNT,
      resourceType: 'vpc-lattice:ServiceNetwork',
      region: 'us-east-1',
    });
    expect(
      lattice.resolve(`arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:service/svc-0123456789abcdef0`),
    ).toBeUndefined();
    expect(lattice.resolve('arn:aws:s3:::bucket')).toBeUndefined();
  });
});
