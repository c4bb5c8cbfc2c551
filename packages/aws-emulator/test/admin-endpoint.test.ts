import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEmulator } from '../src/index.ts';
import { startAwsEmulator } from '../src/index.ts';
import { assumeRole, stsClient } from './support/sdk.ts';

describe('admin endpoint', () => {
  let emulator: AwsEmulator;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ seed: { accounts: [{ id: '555555555555' }] } });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('reports health and the services served', async () => {
    const health = await fetch(`${emulator.endpoint}/_emulator/health`);
    expect(await health.json()).toEqual({ status: 'ok', services: ['sts', 'eks', 'vpc-lattice', 'ram'] });
  });

  it('applies a YAML seed fragment to the running emulator', async () => {
    const fragment = [
      'accounts:',
      '  - id: "555555555555"',
      '    users:',
      '      - name: ops',
      '        accessKeys: [{ accessKeyId: AKIAOPS0000000000001, secretAccessKey: ops }]',
      '    roles:',
      '      - name: Ops',
      '        trustPolicy:',
      '          Statement:',
      '            - { Effect: Allow, Principal: { AWS: "555555555555" }, Action: sts:AssumeRole }',
      '',
    ].join('\n');
    const applied = await fetch(`${emulator.endpoint}/_emulator/seed`, { method: 'POST', body: fragment });
    expect(applied.status).toBe(200);
    const creds = await assumeRole(emulator.endpoint, { accessKeyId: 'AKIAOPS0000000000001', secretAccessKey: 'ops' }, 'arn:aws:iam::555555555555:role/Ops');
    const who = await stsClient(emulator.endpoint, creds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::555555555555:assumed-role/Ops/trellis-test');

    const bad = await fetch(`${emulator.endpoint}/_emulator/seed`, { method: 'POST', body: '{"accounts":[{"id":"x"}]}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: string[] }).issues).toEqual(['/accounts/0/id: must match pattern "^\\d{12}$"']);
  });

  it('applies seed fragments programmatically too', () => {
    emulator.applySeed({ accounts: [{ id: '666666666666', vpcs: [{ id: 'vpc-66666666' }] }] });
    expect(emulator.accounts.vpcOwner('vpc-66666666', '555555555555')).toBe('666666666666');
    expect(() => emulator.applySeed({ accounts: [{ id: '6' }] })).toThrow(/must match pattern/);
  });

  it('rejects a session token sent with long-term keys', async () => {
    emulator.identity.addAccessKey({ rootOf: '555555555555' }, { accessKeyId: 'AKIAROOT000000000555', secretAccessKey: 'r' });
    const error = await stsClient(emulator.endpoint, {
      accessKeyId: 'AKIAROOT000000000555',
      secretAccessKey: 'r',
      sessionToken: 'made-up',
    })
      .send(new GetCallerIdentityCommand({}))
      .catch((e: unknown) => e as Error);
    expect((error as Error).name).toBe('InvalidClientTokenId');
  });

  it('latency faults are counted per matching call', async () => {
    const rule = emulator.faults.latency({ service: 'sts', latencyMs: 10, count: 1 });
    await stsClient(emulator.endpoint, { accessKeyId: 'AKIAOPS0000000000001', secretAccessKey: 'ops' }).send(new GetCallerIdentityCommand({}));
    expect(emulator.faults.list().find((r) => r.id === rule.id)?.hits).toBe(1);
  });
});
