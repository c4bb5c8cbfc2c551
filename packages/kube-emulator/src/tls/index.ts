// TLS material for the emulator's HTTPS listener.
export { CA_COMMON_NAME, SERVER_COMMON_NAME, generateCertificates } from './certificates.ts';
export type { GeneratedCertificates } from './certificates.ts';
