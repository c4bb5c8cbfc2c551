// AWS_IAM through the proxy: requests signed with SigV4 for `vpc-lattice-svcs` by principals of
// the emulator's credential store, judged by the service network's and the service's auth
// policies, answered 403 AccessDeniedException with Lattice's wording when denied.
import {
  DeleteAuthPolicyCommand,
  PutAuthPolicyCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-vpc-lattice';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod, World } from './data-plane-harness.ts';
import {
  ALLOWED_ARN,
  ALLOWED_KEY,
  APP_ROLE_ARN,
  DENIED_ARN,
  DENIED_KEY,
  forwardTo,
  REGION,
  startWorld,
} from './data-plane-harness.ts';

const INVOKE = 'vpc-lattice-svcs:Invoke';

describe('Lattice data plane: AWS_IAM auth', () => {
  let world: World;
  let host: string;
  let serviceArn: string;
  let serviceId: string;
  let pod: Pod;

  beforeAll(async () => {
    world = await startWorld();
    const sn = await world.serviceNetwork('secure-network', { authType: 'AWS_IAM' });
    // the network admits any authenticated principal (the user guide's example)
    await world.lattice.send(
      new PutAuthPolicyCommand({
        resourceIdentifier: sn.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: INVOKE,
              Resource: '*',
              Condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } },
            },
          ],
        }),
      }),
    );
    const svc = await world.service('ledger', sn.id, 'AWS_IAM');
    host = svc.dnsName;
    serviceArn = svc.arn;
    serviceId = svc.id;
    await world.lattice.send(
      new PutAuthPolicyCommand({
        resourceIdentifier: svc.arn,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: [ALLOWED_ARN, APP_ROLE_ARN] },
              Action: INVOKE,
              Resource: `${svc.arn}/*`,
            },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 'vpc-lattice-svcs:*',
              Resource: `${svc.arn}/admin*`,
            },
            {
              Effect: 'Allow',
              Principal: { AWS: DENIED_ARN },
              Action: INVOKE,
              Resource: `${svc.arn}/*`,
              Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'OPTIONS' } },
            },
          ],
        }),
      }),
    );
    pod = await world.pod('ledger');
    const group = await world.targetGroup('ledger', [pod]);
    await world.listener(svc.id, forwardTo({ id: group.id }));
    await world.waitForTargets(group.id, 'HEALTHY');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('denies unsigned requests as the anonymous principal, in the network policy', async () => {
    const answer = await world.send(host, '/');
    expect(answer.status).toBe(403);
    expect(answer.body).toBe(
      `AccessDeniedException: User: anonymous is not authorized to perform: ${INVOKE} on resource: ${serviceArn}/ because no network-based policy allows the ${INVOKE} action`,
    );
  });

  it('forwards a request signed by an allowed principal, with its identity', async () => {
    const headers = await world.sign(ALLOWED_KEY, host, '/balances?account=7');
    const answer = await world.send(host, '/balances?account=7', { headers });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('ledger');
    expect(pod.lastHeaders?.['x-amzn-lattice-identity']).toBe(
      `Principal=${ALLOWED_ARN}; PrincipalOrgID=o-dataplane0001`,
    );
  });

  it('verifies signatures that cover the payload', async () => {
    const body = '{"amount":12}';
    const headers = await world.sign(ALLOWED_KEY, host, '/transfers', { method: 'POST', body });
    const answer = await world.send(host, '/transfers', { method: 'POST', headers, body });
    expect(answer.status).toBe(200);
    expect(pod.lastBody).toBe(body);
    const tampered = await world.send(host, '/transfers', {
      method: 'POST',
      headers,
      body: '{"amount":99}',
    });
    expect(tampered.status).toBe(403);
  });

  it('denies a principal the service policy does not allow', async () => {
    const headers = await world.sign(DENIED_KEY, host, '/balances');
    const answer = await world.send(host, '/balances', { headers });
    expect(answer.status).toBe(403);
    expect(answer.body).toBe(
      `AccessDeniedException: User: ${DENIED_ARN} is not authorized to perform: ${INVOKE} on resource: ${serviceArn}/balances because no service-based policy allows the ${INVOKE} action`,
    );
    // …except where a condition on the request lets it in
    const options = await world.sign(DENIED_KEY, host, '/balances', { method: 'OPTIONS' });
    expect(
      (await world.send(host, '/balances', { method: 'OPTIONS', headers: options })).status,
    ).toBe(200);
  });

  it('admits the sessions of an allowed role, naming the session in the identity header', async () => {
    const sts = new STSClient({
      endpoint: world.aws.endpoint,
      region: REGION,
      credentials: { ...ALLOWED_KEY },
    });
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: APP_ROLE_ARN, RoleSessionName: 'orders-pod-1' }),
    );
    sts.destroy();
    const session = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    const headers = await world.sign(session, host, '/balances');
    expect(headers['x-amz-security-token']).toBe(session.sessionToken);
    const answer = await world.send(host, '/balances', { headers });
    expect(answer.status).toBe(200);
    expect(pod.lastHeaders?.['x-amzn-lattice-identity']).toBe(
      `Principal=${out.AssumedRoleUser!.Arn!}; PrincipalOrgID=o-dataplane0001; SessionName=orders-pod-1`,
    );
    // without its session token the temporary key is unknown
    const { ['x-amz-security-token']: _token, ...tokenless } = headers;
    expect((await world.send(host, '/balances', { headers: tokenless })).status).toBe(403);
  });

  it('lets an explicit Deny on a path win over an Allow', async () => {
    const headers = await world.sign(ALLOWED_KEY, host, '/admin/close');
    const answer = await world.send(host, '/admin/close', { headers });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('with an explicit deny in a service-based policy');
  });

  it('rejects bad signatures and signatures for another service', async () => {
    const headers = await world.sign(ALLOWED_KEY, host, '/balances');
    const forged = {
      ...headers,
      authorization: headers['authorization'].replace(
        /Signature=\w+/,
        `Signature=${'0'.repeat(64)}`,
      ),
    };
    const bad = await world.send(host, '/balances', { headers: forged });
    expect(bad.status).toBe(403);
    expect(bad.body).toMatch(/^InvalidSignatureException: /);
    const otherService = {
      ...headers,
      authorization: headers['authorization'].replace('/vpc-lattice-svcs/', '/vpc-lattice/'),
    };
    expect((await world.send(host, '/balances', { headers: otherService })).status).toBe(403);
    const unknownKey = await world.sign(
      { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' },
      host,
      '/',
    );
    const unknown = await world.send(host, '/', { headers: unknownKey });
    expect(unknown.status).toBe(403);
    expect(unknown.body).toMatch(/^UnrecognizedClientException: /);
  });

  it('denies everything while AWS_IAM has no auth policy, and stops checking at authType NONE', async () => {
    await world.lattice.send(new DeleteAuthPolicyCommand({ resourceIdentifier: serviceArn }));
    const headers = await world.sign(ALLOWED_KEY, host, '/balances');
    expect((await world.send(host, '/balances', { headers })).status).toBe(403);
    await world.lattice.send(
      new UpdateServiceCommand({ serviceIdentifier: serviceId, authType: 'NONE' }),
    );
    // the network still requires an authenticated principal
    expect((await world.send(host, '/balances', { headers })).status).toBe(200);
    expect((await world.send(host, '/balances')).status).toBe(403);
  });
});
