// CONTRACT (owned by the kube-core helper; read by discovery/, openapi/, table/):
// the description of one served resource type, for built-in kinds and for CRD versions alike.
import type { JsonObject } from '../json.ts';

export interface PrinterColumn {
  name: string;
  type: 'integer' | 'number' | 'string' | 'boolean' | 'date';
  format?: string;
  description?: string;
  priority?: number;
  /** a simple JSONPath such as `.spec.replicas` */
  jsonPath: string;
}

export interface ResourceType {
  /** '' for the core group */
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** plural resource name, e.g. 'endpointslices' */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** e.g. ['create','delete','deletecollection','get','list','patch','update','watch'] */
  verbs: string[];
  subresources: {
    status?: boolean;
    scale?: {
      specReplicasPath: string;
      statusReplicasPath: string;
      labelSelectorPath?: string;
    };
  };
  /** is this the storage version of its group/resource (CRDs: exactly one version is) */
  storageVersion: boolean;
  /** is this version served */
  served: boolean;
  /** openAPIV3Schema for CRDs; undefined for built-ins (openapi/ holds theirs) */
  schema?: JsonObject;
  /** additionalPrinterColumns for CRDs; undefined means defaults (Name, Age) or built-in columns */
  printerColumns?: PrinterColumn[];
  /** CRDs: the served version's `selectableFields[].jsonPath`, usable in field selectors */
  selectableFields?: string[];
  /** true for types registered from a CustomResourceDefinition */
  custom: boolean;
}
