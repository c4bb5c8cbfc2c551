import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, VersionApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKubectls, runKubectl } from '../discovery/test-kubectl.ts';
import { buildKubeconfig } from '../kubeconfig.ts';
import { generateCertificates } from './index.ts';
import type { GeneratedCertificates } from './index.ts';

function get(
  port: number,
  host: string,
  ca: string | undefined,
  servername?: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port, path: '/version', ca, servername, rejectUnauthorized: true },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('generateCertificates', () => {
  let certs: GeneratedCertificates;
  let server: Server;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    certs = await generateCertificates(['10.1.2.3', 'kube.trellis.test', '[fd00::5]']);
    server = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/version')) {
        res.end(
          JSON.stringify({
            major: '1',
            minor: '32',
            gitVersion: 'v1.32.0',
            platform: 'linux/amd64',
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    dir = await mkdtemp(join(tmpdir(), 'kx-tls-'));
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a P-256 CA and a server certificate with the right extensions', () => {
    const ca = new X509Certificate(certs.caPem);
    const cert = new X509Certificate(certs.certPem);
    expect(ca.subject).toBe('CN=trellis-kube-emulator-ca');
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.subjectAltName?.split(', ')).toEqual([
      'IP Address:127.0.0.1',
      'IP Address:0:0:0:0:0:0:0:1',
      'DNS:localhost',
      'IP Address:10.1.2.3',
      'DNS:kube.trellis.test',
      'IP Address:FD00:0:0:0:0:0:0:5',
    ]);
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);
    expect(Date.parse(cert.validFrom)).toBeLessThan(Date.now());
    expect(certs.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('serves HTTPS that a client trusting only the CA accepts', async () => {
    const body = await get(port, '127.0.0.1', certs.caPem);
    expect(JSON.parse(body)).toMatchObject({ gitVersion: 'v1.32.0' });
    // a DNS SAN is checked too (connect by IP, verify as the name)
    expect(await get(port, '127.0.0.1', certs.caPem, 'kube.trellis.test')).toContain('v1.32.0');
  });

  it('is rejected without the CA and for a name it was not made for', async () => {
    await expect(get(port, '127.0.0.1', undefined)).rejects.toThrow(
      /self-signed|unable to verify|certificate/i,
    );
    await expect(get(port, '127.0.0.1', certs.caPem, 'other.example')).rejects.toThrow(
      /altnames|Hostname/i,
    );
    const other = await generateCertificates([]);
    await expect(get(port, '127.0.0.1', other.caPem)).rejects.toThrow(/certificate|verify/i);
  });

  it('is trusted by client-node through a kubeconfig from buildKubeconfig', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(
      buildKubeconfig({
        server: () => `https://localhost:${port}`,
        caPem: certs.caPem,
        clusters: [{ name: 'tls', token: 't' }],
      }),
    );
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toBe('v1.32.0');
    const untrusted = new KubeConfig();
    untrusted.loadFromString(
      buildKubeconfig({
        server: () => `https://localhost:${port}`,
        caPem: (await generateCertificates([])).caPem,
        clusters: [{ name: 'tls', token: 't' }],
      }),
    );
    await expect(untrusted.makeApiClient(VersionApi).getCode()).rejects.toThrow();
  });

  for (const kubectl of findKubectls()) {
    it(`is trusted by kubectl ${kubectl.label} through certificate-authority-data`, async () => {
      const kubeconfig = join(dir, `tls-${kubectl.label}.yaml`);
      const caData = Buffer.from(certs.caPem).toString('base64');
      await writeFile(
        kubeconfig,
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          '- name: c',
          '  cluster:',
          `    server: https://127.0.0.1:${port}`,
          `    certificate-authority-data: ${caData}`,
          'users:',
          '- name: u',
          '  user: {token: t}',
          'contexts:',
          '- name: c',
          '  context: {cluster: c, user: u}',
          'current-context: c',
          '',
        ].join('\n'),
      );
      const ok = await runKubectl(kubectl.path, kubeconfig, ['version', '-o', 'json']);
      expect(ok.stderr).toBe('');
      expect(JSON.parse(ok.stdout)).toMatchObject({ serverVersion: { gitVersion: 'v1.32.0' } });
    });
  }
});
