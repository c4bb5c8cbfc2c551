// Field errors in the shape of k8s.io/apimachinery/pkg/util/validation/field: `<field>: <Type>: <value>: <detail>`.
// The constructors mirror field.Invalid, field.Required, ... so each call site reads like the Go code it emulates.
import type { JsonValue } from '../json.ts';
import { goJson, goNumber, goQuote } from './go-format.ts';

/** One field error in Kubernetes' shape: `spec.replicas: Invalid value: "x": must be of type integer` */
export interface FieldError {
  /** Kubernetes' StatusCause type: FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueTypeInvalid, FieldValueTooLong, FieldValueTooMany, FieldValueForbidden, FieldValueDuplicate */
  type: string;
  /** dotted path, e.g. `spec.ports[0].port` */
  field: string;
  /** the full human message as kubectl prints it (`spec.replicas: Invalid value: …`) */
  message: string;
}

/** A metav1.StatusCause as the apiserver sends it: its message is the error body WITHOUT the field. */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** apimachinery's omitValue: the error prints its type without a value. */
export class OmittedValue {}

/** A value whose Go rendering we spell out ourselves (e.g. a Go struct dump). */
export class RawValue {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

/** A bad value as Go would hold it. */
export type BadValue = JsonValue | OmittedValue | RawValue;

/** Go's nil *field.Path prints as `<nil>`; kube-openapi errors without a path end up there. */
export const NIL_PATH = '<nil>';

const TYPE_TEXT: Record<string, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTooFew: 'Too few',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueTooShort: 'Too short',
};

/** Go's field.Error.ErrorBody: which types print their value, and how (strings %q, numbers %v, rest JSON). */
function errorBody(type: string, value: BadValue, detail: string): string {
  const text = TYPE_TEXT[type] ?? `<unknown error ${goQuote(type)}>`;
  let body: string;
  switch (type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'FieldValueTooShort':
    case 'InternalError':
      body = text;
      break;
    default:
      body = value instanceof OmittedValue ? text : `${text}: ${formatBadValue(value)}`;
  }
  return detail.length > 0 ? `${body}: ${detail}` : body;
}

export function formatBadValue(value: BadValue): string {
  if (value instanceof RawValue) return value.text;
  if (value instanceof OmittedValue) return '';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goJson(value);
}

function make(type: string, field: string, value: BadValue, detail: string): FieldError {
  return { type, field, message: `${field}: ${errorBody(type, value, detail)}` };
}

export function invalid(field: string, value: BadValue, detail: string): FieldError {
  return make('FieldValueInvalid', field, value, detail);
}

export function typeInvalid(field: string, value: BadValue, detail: string): FieldError {
  return make('FieldValueTypeInvalid', field, value, detail);
}

export function required(field: string, detail = ''): FieldError {
  return make('FieldValueRequired', field, '', detail);
}

export function forbidden(field: string, detail: string): FieldError {
  return make('FieldValueForbidden', field, '', detail);
}

export function duplicate(field: string, value: BadValue): FieldError {
  return make('FieldValueDuplicate', field, value, '');
}

/** field.NotSupported: each supported value is quoted with %q, non-strings after JSON encoding. */
export function notSupported(
  field: string,
  value: BadValue,
  supported: readonly string[],
): FieldError {
  const detail =
    supported.length > 0 ? 'supported values: ' + supported.map((v) => goQuote(v)).join(', ') : '';
  return make('FieldValueNotSupported', field, value, detail);
}

/** field.TooLong as apiextensions calls it (byte count wording, value omitted). */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail =
    maxLength >= 0
      ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}`
      : 'value is too long';
  return make('FieldValueTooLong', field, '<value omitted>', detail);
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail =
    max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
  return make('FieldValueTooMany', field, actual >= 0 ? actual : new OmittedValue(), detail);
}

/**
 * Re-root an error produced for a value validated on its own (kube-openapi paths relative to it)
 * under `base`, as apiextensions' ValidateCustomResource(fldPath, ...) does: path-less errors land on `base`.
 */
export function rebaseFieldError(error: FieldError, base: string): FieldError {
  const body = error.message.slice(error.field.length + 2);
  const field = error.field === NIL_PATH ? base : `${base}.${error.field}`;
  return { type: error.type, field, message: `${field}: ${body}` };
}

/** The StatusCause the apiserver puts in Status.details.causes (message without the `field: ` prefix). */
export function toStatusCause(error: FieldError): StatusCause {
  const prefix = `${error.field}: `;
  const message = error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
  return { reason: error.type, message, field: error.field };
}

/**
 * The Status message of a 422 as apierrors.NewInvalid builds it:
 * `<Kind.group> "<name>" is invalid: <err>` or `... is invalid: [<err1>, <err2>]` (duplicates dropped).
 * `qualifiedKind` is the GroupKind string, e.g. `ServiceExport.multicluster.x-k8s.io` (just `Kind` for the core group).
 */
export function formatInvalidMessage(
  qualifiedKind: string,
  name: string,
  errors: readonly FieldError[],
): string {
  const head = `${qualifiedKind} ${goQuote(name)} is invalid`;
  const unique = [...new Set(errors.map((e) => e.message))];
  if (unique.length === 0) return head;
  if (unique.length === 1) return `${head}: ${unique[0]}`;
  return `${head}: [${unique.join(', ')}]`;
}
