import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEmulator } from '../src/index.ts';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import { assumeRole, rejectionOf, stsClient } from './support/sdk.ts';
import {
  CLUSTER_ROLE_ARN,
  EXTERNAL_ID,
  HUB,
  HUB_ROLE_ARN,
  HUB_USER_KEY,
  NETWORK,
  NETWORK_ROLE_ARN,
  NETWORK_ROOT_KEY,
  testSeed,
} from './support/test-seed.ts';

describe('STS AssumeRole and GetCallerIdentity through the SDK', () => {
  let emulator: AwsEmulator;
  const clock = new AdjustableClock();

  beforeAll(async () => {
    emulator = await startAwsEmulator({ seed: testSeed, clock });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('identifies an IAM user', async () => {
    const out = await stsClient(emulator.endpoint, HUB_USER_KEY).send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe(HUB);
    expect(out.Arn).toBe(`arn:aws:iam::${HUB}:user/trellis-hub`);
    expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{16}$/);
  });

  it('identifies an account root', async () => {
    const out = await stsClient(emulator.endpoint, NETWORK_ROOT_KEY).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: NETWORK, Arn: `arn:aws:iam::${NETWORK}:root`, UserId: NETWORK });
  });

  it('assumes a role the trust policy allows and returns working temporary credentials', async () => {
    const out = await stsClient(emulator.endpoint, HUB_USER_KEY).send(
      new AssumeRoleCommand({ RoleArn: HUB_ROLE_ARN, RoleSessionName: 'hub-controller', DurationSeconds: 7200 }),
    );
    const creds = out.Credentials!;
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.SecretAccessKey).toHaveLength(40);
    expect(creds.SessionToken!.length).toBeGreaterThan(100);
    const lifetime = creds.Expiration!.getTime() - clock.now().getTime();
    expect(lifetime).toBeGreaterThan(7190_000);
    expect(lifetime).toBeLessThanOrEqual(7200_000);
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${HUB}:assumed-role/TrellisHub/hub-controller`);
    expect(out.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{16}:hub-controller$/);

    const who = await stsClient(emulator.endpoint, {
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${HUB}:assumed-role/TrellisHub/hub-controller`);
    expect(who.UserId).toBe(out.AssumedRoleUser!.AssumedRoleId);
    expect(who.Account).toBe(HUB);
  });

  it('chains hub role → tenant network role with the right ExternalId (role path kept in the role ARN only)', async () => {
    const hub = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN);
    const network = await assumeRole(emulator.endpoint, hub, NETWORK_ROLE_ARN, { externalId: EXTERNAL_ID, sessionName: 'tenant-a' });
    const who = await stsClient(emulator.endpoint, network).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${NETWORK}:assumed-role/TrellisNetwork/tenant-a`);
  });

  it('denies a wrong ExternalId with the real AccessDenied message', async () => {
    const hub = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { sessionName: 'hub' });
    const error = await rejectionOf(
      stsClient(emulator.endpoint, hub).send(
        new AssumeRoleCommand({ RoleArn: NETWORK_ROLE_ARN, RoleSessionName: 'tenant-a', ExternalId: 'tenant-a:wrong' }),
      ),
    );
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe(
      `User: arn:aws:sts::${HUB}:assumed-role/TrellisHub/hub is not authorized to perform: sts:AssumeRole on resource: ${NETWORK_ROLE_ARN}`,
    );
    expect(error.$metadata?.httpStatusCode).toBe(403);
  });

  it('denies a missing ExternalId, and honours StringLike conditions', async () => {
    const hub = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN);
    const missing = await rejectionOf(
      stsClient(emulator.endpoint, hub).send(new AssumeRoleCommand({ RoleArn: NETWORK_ROLE_ARN, RoleSessionName: 's1' })),
    );
    expect(missing.name).toBe('AccessDenied');
    // the user is trusted with any ExternalId matching tenant-a:*
    await assumeRole(emulator.endpoint, HUB_USER_KEY, NETWORK_ROLE_ARN, { externalId: 'tenant-a:anything' });
    const unlike = await rejectionOf(assumeRole(emulator.endpoint, HUB_USER_KEY, NETWORK_ROLE_ARN, { externalId: 'tenant-b:x' }));
    expect(unlike.name).toBe('AccessDenied');
  });

  it('denies untrusted principals, unknown roles and roots', async () => {
    const network = await rejectionOf(assumeRole(emulator.endpoint, NETWORK_ROOT_KEY, HUB_ROLE_ARN));
    expect(network.name).toBe('AccessDenied');
    expect(network.message).toBe('Roles may not be assumed by root accounts.');

    const unknown = `arn:aws:iam::${HUB}:role/DoesNotExist`;
    const missing = await rejectionOf(assumeRole(emulator.endpoint, HUB_USER_KEY, unknown));
    expect(missing.message).toBe(
      `User: arn:aws:iam::${HUB}:user/trellis-hub is not authorized to perform: sts:AssumeRole on resource: ${unknown}`,
    );

    // cluster role trusts account 111111111111 as a whole: the hub user and its roles qualify
    await assumeRole(emulator.endpoint, HUB_USER_KEY, CLUSTER_ROLE_ARN);
    const network2 = await assumeRole(emulator.endpoint, HUB_USER_KEY, NETWORK_ROLE_ARN, { externalId: 'tenant-a:x' });
    const crossAccount = await rejectionOf(assumeRole(emulator.endpoint, network2, CLUSTER_ROLE_ARN));
    expect(crossAccount.name).toBe('AccessDenied');
  });

  it('caps role chaining at one hour', async () => {
    const hub = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN);
    const error = await rejectionOf(
      assumeRole(emulator.endpoint, hub, NETWORK_ROLE_ARN, { externalId: EXTERNAL_ID, durationSeconds: 3601 }),
    );
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    const ok = await assumeRole(emulator.endpoint, hub, NETWORK_ROLE_ARN, { externalId: EXTERNAL_ID, durationSeconds: 3600 });
    expect(ok.expiration!.getTime() - clock.now().getTime()).toBeLessThanOrEqual(3600_000);
    // not chained: the user may ask for the role's full MaxSessionDuration (4h)
    await assumeRole(emulator.endpoint, HUB_USER_KEY, NETWORK_ROLE_ARN, { externalId: 'tenant-a:x', durationSeconds: 14400 });
  });

  it('validates DurationSeconds and RoleSessionName like STS', async () => {
    const short = await rejectionOf(assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { durationSeconds: 899 }));
    expect(short.name).toBe('ValidationError');
    expect(short.message).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    const long = await rejectionOf(assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { durationSeconds: 7201 }));
    expect(long.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    const badName = await rejectionOf(assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { sessionName: 'has space' }));
    expect(badName.name).toBe('ValidationError');
    expect(badName.message).toContain("at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const tooShort = await rejectionOf(assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { sessionName: 'x' }));
    expect(tooShort.message).toContain('Member must have length greater than or equal to 2');
  });

  it('requires sts:TagSession for session tags', async () => {
    const sts = stsClient(emulator.endpoint, HUB_USER_KEY);
    const error = await rejectionOf(
      sts.send(new AssumeRoleCommand({ RoleArn: HUB_ROLE_ARN, RoleSessionName: 'tagged', Tags: [{ Key: 'tenant', Value: 'a' }] })),
    );
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain('sts:TagSession');
    const hub = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN);
    const tagged = await stsClient(emulator.endpoint, hub).send(
      new AssumeRoleCommand({
        RoleArn: NETWORK_ROLE_ARN,
        RoleSessionName: 'tagged',
        ExternalId: EXTERNAL_ID,
        Tags: [{ Key: 'tenant', Value: 'a' }],
      }),
    );
    expect(tagged.PackedPolicySize).toBeGreaterThan(0);
  });

  it('rejects temporary credentials once the clock passes their expiry', async () => {
    const creds = await assumeRole(emulator.endpoint, HUB_USER_KEY, HUB_ROLE_ARN, { durationSeconds: 900 });
    const sts = stsClient(emulator.endpoint, creds);
    await sts.send(new GetCallerIdentityCommand({}));
    clock.advance(901_000);
    try {
      const error = await rejectionOf(sts.send(new GetCallerIdentityCommand({})));
      expect(error.name).toBe('ExpiredToken');
      expect(error.message).toBe('The security token included in the request is expired');
      expect(error.$metadata?.httpStatusCode).toBe(403);
    } finally {
      clock.advance(-901_000);
    }
  });

  it('roles and users added at runtime work at once', async () => {
    emulator.identity.addAccount({ id: '444444444444', name: 'late' });
    const user = emulator.identity.addUser({ accountId: '444444444444', name: 'late-user', path: '/ops/' });
    emulator.identity.addAccessKey({ userArn: user.arn }, { accessKeyId: 'AKIALATE000000000001', secretAccessKey: 'late' });
    const role = emulator.identity.addRole({
      accountId: '444444444444',
      name: 'LateRole',
      trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: user.arn }, Action: 'sts:AssumeRole' }] },
    });
    const creds = await assumeRole(emulator.endpoint, { accessKeyId: 'AKIALATE000000000001', secretAccessKey: 'late' }, role.arn);
    const who = await stsClient(emulator.endpoint, creds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::444444444444:assumed-role/LateRole/trellis-test');
    expect(user.arn).toBe('arn:aws:iam::444444444444:user/ops/late-user');
  });
});
