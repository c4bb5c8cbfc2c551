// startAwsEmulator({ dataPlane }) runs the Lattice data plane next to the API endpoint, on the
// emulator's own Lattice state, identity store and clock; stop() closes both.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateListenerCommand, CreateServiceCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import { startAwsEmulator } from '../src/index.ts';
import type { AwsEmulator } from '../src/index.ts';
import { proxyGet } from './support/proxy-get.ts';

const ACCOUNT = '111111111111';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Parameters<typeof startAwsEmulator>[0]): Promise<AwsEmulator> {
  const emulator = await startAwsEmulator(options);
  cleanups.push(() => emulator.stop());
  return emulator;
}

/** Implicit accounts: the 12-digit key id is that account's root, secret "test". */
function lattice(emulator: AwsEmulator): VPCLatticeClient {
  const client = new VPCLatticeClient({
    endpoint: emulator.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  cleanups.push(() => Promise.resolve(client.destroy()));
  return client;
}

async function listen(port: number): Promise<{ port: number; server: http.Server }> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  cleanups.push(() => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())));
  return { port: (server.address() as AddressInfo).port, server };
}

describe('startAwsEmulator({ dataPlane })', () => {
  it('serves the Lattice state it shares with the API endpoint, and stops with the emulator', async () => {
    const emulator = await startAwsEmulator({ dataPlane: { port: 0, healthChecks: false } });
    expect(emulator.proxy?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.proxy?.port).not.toBe(emulator.port);
    const client = lattice(emulator);
    const service = await client.send(new CreateServiceCommand({ name: 'teapot' }));
    await client.send(
      new CreateListenerCommand({
        serviceIdentifier: service.id,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: { fixedResponse: { statusCode: 418 } },
      }),
    );
    const proxyUrl = emulator.proxy!.url;
    expect(await proxyGet(proxyUrl, service.dnsEntry!.domainName!)).toMatchObject({ status: 418 });
    expect(await proxyGet(proxyUrl, 'nothing.example')).toMatchObject({ status: 404, reason: 'unknown-host' });

    await emulator.stop();
    await expect(proxyGet(proxyUrl, service.dnsEntry!.domainName!)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('has no proxy unless asked for one', async () => {
    const emulator = await start({});
    expect(emulator.proxy).toBeUndefined();
    expect('proxy' in emulator).toBe(false);
  });

  it('does not leave the API endpoint listening when the data plane cannot start', async () => {
    const taken = await listen(0);
    const apiPort = await listen(0);
    await new Promise<void>((resolve) => apiPort.server.close(() => resolve()));
    await expect(
      startAwsEmulator({ port: apiPort.port, dataPlane: { port: taken.port, healthChecks: false } }),
    ).rejects.toThrow(/EADDRINUSE/);
    // the API port was released again: something else can listen on it
    const again = await listen(apiPort.port);
    expect(again.port).toBe(apiPort.port);
  });
});
