// A throwaway CA and serving certificate for the emulator's HTTPS listener, so kubectl, helm and
// client-node verify TLS exactly as they would against a real cluster (no insecure-skip-tls).
// @peculiar/x509 2.x resolves its ASN.1 providers through tsyringe, which needs the Reflect
// metadata API; the polyfill must be evaluated before x509 is.
import 'reflect-metadata';
import { isIP } from 'node:net';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface GeneratedCertificates {
  /** the CA certificate: put it in a kubeconfig's certificate-authority-data */
  caPem: string;
  /** the serving certificate, signed by the CA */
  certPem: string;
  /** the serving certificate's private key (PKCS#8) */
  keyPem: string;
}

export const CA_COMMON_NAME = 'trellis-kube-emulator-ca';
export const SERVER_COMMON_NAME = 'trellis-kube-emulator';

// ECDSA P-256: key generation takes milliseconds (RSA-2048 takes tens to hundreds), and Go's TLS
// stack (kubectl, helm) and Node both accept it.
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const ALWAYS_INCLUDED_HOSTS = ['127.0.0.1', '::1', 'localhost'];
const VALIDITY_DAYS = 365;
// backdate a little so a client whose clock runs slightly behind still accepts the certificate
const BACKDATE_MS = 60 * 60 * 1000;

x509.cryptoProvider.set(globalThis.crypto);

/** A positive serial number of 16 random bytes (RFC 5280 allows up to 20 octets). */
function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function subjectAltNames(hosts: readonly string[]): x509.JsonGeneralName[] {
  const seen = new Set<string>();
  const names: x509.JsonGeneralName[] = [];
  for (const raw of [...ALWAYS_INCLUDED_HOSTS, ...hosts]) {
    // accept `[::1]` as written in URLs
    const host = raw
      .trim()
      .replace(/^\[(.*)\]$/, '$1')
      .toLowerCase();
    if (host === '' || seen.has(host)) continue;
    seen.add(host);
    names.push({ type: isIP(host) ? 'ip' : 'dns', value: host });
  }
  return names;
}

/**
 * Make a self-signed CA (CN trellis-kube-emulator-ca) and a serving certificate signed by it, valid
 * for one year, for every host given (IPs as IP SANs, names as DNS SANs) plus 127.0.0.1, ::1 and
 * localhost.
 */
export async function generateCertificates(hosts: string[]): Promise<GeneratedCertificates> {
  const notBefore = new Date(Date.now() - BACKDATE_MS);
  const notAfter = new Date(
    notBefore.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000 + BACKDATE_MS,
  );
  const [caKeys, serverKeys] = await Promise.all([
    webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']),
    webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']),
  ]);

  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${CA_COMMON_NAME}`,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign |
          x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const server = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${SERVER_COMMON_NAME}`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(subjectAltNames(hosts)),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  });

  const keyDer = await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
  return {
    caPem: ca.toString('pem') + '\n',
    certPem: server.toString('pem') + '\n',
    keyPem: toPem(keyDer, 'PRIVATE KEY'),
  };
}
