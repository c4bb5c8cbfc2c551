// Whether one ServiceExport can be exported at all, judged on its own (conflicts between exports
// are conflicts.ts's job). An invalid export gets Valid=False and contributes nothing to Lattice.
import { parseExportSettings } from './annotations.ts';
import { latticeProtocolOf } from './lattice-protocol.ts';
import type { ObservedExport } from './types.ts';

export type InvalidReason =
  | 'NoService'
  | 'InvalidServiceType'
  | 'NoPorts'
  | 'UnsupportedProtocol'
  | 'InvalidAnnotation'
  | 'AccountMismatch';

export type ExportValidity =
  { valid: true } | { valid: false; reason: InvalidReason; message: string };

export function validateExport(e: ObservedExport): ExportValidity {
  const service = e.service;
  if (service === undefined) {
    return {
      valid: false,
      reason: 'NoService',
      message: `no Service ${e.namespace}/${e.name} in cluster ${e.cluster}; create it or delete the ServiceExport`,
    };
  }
  if (service.type === 'ExternalName') {
    return {
      valid: false,
      reason: 'InvalidServiceType',
      message:
        'ExternalName Services cannot be exported (the MCS API rules them out); create an ExternalName Service in each cluster instead',
    };
  }
  if (service.ports.length === 0) {
    return {
      valid: false,
      reason: 'NoPorts',
      message:
        'the Service has no ports, and a Lattice service needs at least one listener; add a port',
    };
  }
  const settings = parseExportSettings(e);
  if (!settings.ok) {
    return {
      valid: false,
      reason: 'InvalidAnnotation',
      message: `annotation ${settings.problem.annotation} ${settings.problem.message}`,
    };
  }
  for (const port of service.ports) {
    const protocol = latticeProtocolOf(port, settings.settings.protocolVersion);
    if (!protocol.ok) {
      return {
        valid: false,
        reason: 'UnsupportedProtocol',
        message: `${protocol.message}; remove the port from the Service or do not export it`,
      };
    }
  }
  return { valid: true };
}
