// Field numbers of the Kubernetes messages kubectl sends as protobuf request bodies (from
// k8s.io/api and k8s.io/apimachinery generated.proto): what `kubectl create <kind>`,
// `kubectl create token` and `kubectl auth can-i/whoami` need, written out here, plus Pod and
// Deployment with everything they nest, generated into workload-schemas.json
// (generate-workload-schemas.ts). Unknown fields are skipped.
import workloadSchemas from './workload-schemas.json' with { type: 'json' };
export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'bytes';
export type FieldType = ScalarType | 'time' | 'intOrString' | 'quantity' | { message: string };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
  /** map<string, T>: T is `type` */
  map?: boolean;
}

export type MessageSchema = Record<number, FieldSpec>;

const s = (name: string): FieldSpec => ({ name, type: 'string' });
const rs = (name: string): FieldSpec => ({ name, type: 'string', repeated: true });
const b = (name: string): FieldSpec => ({ name, type: 'bool' });
const i32 = (name: string): FieldSpec => ({ name, type: 'int32' });
const i64 = (name: string): FieldSpec => ({ name, type: 'int64' });
const m = (name: string, message: string, repeated = false): FieldSpec => ({ name, type: { message }, repeated });
const ms = (name: string): FieldSpec => ({ name, type: 'string', map: true });

const HAND_WRITTEN: Record<string, MessageSchema> = {
  ObjectMeta: {
    1: s('name'),
    2: s('generateName'),
    3: s('namespace'),
    5: s('uid'),
    6: s('resourceVersion'),
    7: i64('generation'),
    8: { name: 'creationTimestamp', type: 'time' },
    9: { name: 'deletionTimestamp', type: 'time' },
    10: i64('deletionGracePeriodSeconds'),
    11: ms('labels'),
    12: ms('annotations'),
    13: m('ownerReferences', 'OwnerReference', true),
    14: rs('finalizers'),
  },
  OwnerReference: { 1: s('kind'), 3: s('name'), 4: s('uid'), 5: s('apiVersion'), 6: b('controller'), 7: b('blockOwnerDeletion') },
  ConfigMap: { 1: m('metadata', 'ObjectMeta'), 2: ms('data'), 3: { name: 'binaryData', type: 'bytes', map: true }, 4: b('immutable') },
  Secret: {
    1: m('metadata', 'ObjectMeta'),
    2: { name: 'data', type: 'bytes', map: true },
    3: s('type'),
    4: ms('stringData'),
    5: b('immutable'),
  },
  Namespace: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'NamespaceSpec') },
  NamespaceSpec: { 1: rs('finalizers') },
  ServiceAccount: {
    1: m('metadata', 'ObjectMeta'),
    2: m('secrets', 'ObjectReference', true),
    3: m('imagePullSecrets', 'LocalObjectReference', true),
    4: b('automountServiceAccountToken'),
  },
  ObjectReference: { 1: s('kind'), 2: s('namespace'), 3: s('name'), 4: s('uid'), 5: s('apiVersion'), 6: s('resourceVersion'), 7: s('fieldPath') },
  LocalObjectReference: { 1: s('name') },
  Service: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'ServiceSpec') },
  ServiceSpec: {
    1: m('ports', 'ServicePort', true),
    2: ms('selector'),
    3: s('clusterIP'),
    4: s('type'),
    5: rs('externalIPs'),
    7: s('sessionAffinity'),
    10: s('externalName'),
    11: s('externalTrafficPolicy'),
    13: b('publishNotReadyAddresses'),
    17: s('ipFamilyPolicy'),
    18: rs('clusterIPs'),
    19: rs('ipFamilies'),
    22: s('internalTrafficPolicy'),
  },
  ServicePort: { 1: s('name'), 2: s('protocol'), 3: i32('port'), 4: { name: 'targetPort', type: 'intOrString' }, 5: i32('nodePort'), 6: s('appProtocol') },
  SelfSubjectAccessReview: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'SelfSubjectAccessReviewSpec') },
  SelfSubjectAccessReviewSpec: { 1: m('resourceAttributes', 'ResourceAttributes'), 2: m('nonResourceAttributes', 'NonResourceAttributes') },
  SubjectAccessReview: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'SubjectAccessReviewSpec') },
  SubjectAccessReviewSpec: {
    1: m('resourceAttributes', 'ResourceAttributes'),
    2: m('nonResourceAttributes', 'NonResourceAttributes'),
    3: s('user'),
    4: rs('groups'),
    6: s('uid'),
  },
  ResourceAttributes: { 1: s('namespace'), 2: s('verb'), 3: s('group'), 4: s('version'), 5: s('resource'), 6: s('subresource'), 7: s('name') },
  NonResourceAttributes: { 1: s('path'), 2: s('verb') },
  SelfSubjectRulesReview: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'SelfSubjectRulesReviewSpec') },
  SelfSubjectRulesReviewSpec: { 1: s('namespace') },
  TokenRequest: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'TokenRequestSpec') },
  TokenRequestSpec: { 1: rs('audiences'), 3: m('boundObjectRef', 'BoundObjectReference'), 4: i64('expirationSeconds') },
  BoundObjectReference: { 1: s('kind'), 2: s('apiVersion'), 3: s('name'), 4: s('uid') },
  SelfSubjectReview: { 1: m('metadata', 'ObjectMeta') },
  TokenReview: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'TokenReviewSpec') },
  TokenReviewSpec: { 1: s('token'), 2: rs('audiences') },
  DeleteOptions: {
    1: i64('gracePeriodSeconds'),
    2: m('preconditions', 'Preconditions'),
    3: b('orphanDependents'),
    4: s('propagationPolicy'),
    5: rs('dryRun'),
  },
  Preconditions: { 1: s('uid'), 2: s('resourceVersion') },
  // rbac.authorization.k8s.io/v1: kubectl create role|clusterrole|rolebinding|clusterrolebinding
  Role: { 1: m('metadata', 'ObjectMeta'), 2: m('rules', 'PolicyRule', true) },
  ClusterRole: { 1: m('metadata', 'ObjectMeta'), 2: m('rules', 'PolicyRule', true), 3: m('aggregationRule', 'AggregationRule') },
  AggregationRule: { 1: m('clusterRoleSelectors', 'LabelSelector', true) },
  PolicyRule: { 1: rs('verbs'), 2: rs('apiGroups'), 3: rs('resources'), 4: rs('resourceNames'), 5: rs('nonResourceURLs') },
  RoleBinding: { 1: m('metadata', 'ObjectMeta'), 2: m('subjects', 'Subject', true), 3: m('roleRef', 'RoleRef') },
  ClusterRoleBinding: { 1: m('metadata', 'ObjectMeta'), 2: m('subjects', 'Subject', true), 3: m('roleRef', 'RoleRef') },
  Subject: { 1: s('kind'), 2: s('apiGroup'), 3: s('name'), 4: s('namespace') },
  RoleRef: { 1: s('apiGroup'), 2: s('kind'), 3: s('name') },
};

export const MESSAGES: Record<string, MessageSchema> = {
  ...(workloadSchemas as unknown as Record<string, MessageSchema>),
  ...HAND_WRITTEN,
};
