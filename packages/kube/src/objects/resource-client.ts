import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { isNotFound } from './api-errors.ts';
import { kubeRequest } from './kube-http.ts';
import { apiVersionOf, resourcePath, type ResourceRef } from './resource-ref.ts';

export const DEFAULT_FIELD_MANAGER = 'trellis';

export interface ObjectKey {
  name: string;
  namespace?: string;
}

/**
 * The operations controllers need on one cluster: get that returns undefined only on 404,
 * server-side apply, status patches, optimistic-concurrency updates, deletes that tolerate absence.
 */
export class ResourceClient {
  readonly kubeConfig: KubeConfig;
  private readonly fieldManager: string;

  constructor(kc: KubeConfig, fieldManager = DEFAULT_FIELD_MANAGER) {
    this.kubeConfig = kc;
    this.fieldManager = fieldManager;
  }

  async get<T extends KubernetesObject>(ref: ResourceRef, key: ObjectKey): Promise<T | undefined> {
    try {
      return await kubeRequest<T>(this.kubeConfig, { method: 'GET', path: resourcePath(ref, key) });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list<T extends KubernetesObject>(
    ref: ResourceRef,
    options: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {},
  ): Promise<KubernetesListObject<T>> {
    return kubeRequest<KubernetesListObject<T>>(this.kubeConfig, {
      method: 'GET',
      path: resourcePath(
        ref,
        options.namespace !== undefined ? { namespace: options.namespace } : {},
      ),
      query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector },
    });
  }

  async create<T extends KubernetesObject>(ref: ResourceRef, object: T): Promise<T> {
    return kubeRequest<T>(this.kubeConfig, {
      method: 'POST',
      path: resourcePath(ref, namespaceOf(object)),
      query: { fieldManager: this.fieldManager },
      body: { apiVersion: apiVersionOf(ref), kind: ref.kind, ...object },
    });
  }

  /** Server-side apply as this field manager; `force` takes fields other managers own. */
  async apply<T extends KubernetesObject>(ref: ResourceRef, object: T, force = true): Promise<T> {
    return kubeRequest<T>(this.kubeConfig, {
      method: 'PATCH',
      path: resourcePath(ref, keyOf(object)),
      query: { fieldManager: this.fieldManager, force: force ? 'true' : undefined },
      contentType: 'application/apply-patch+yaml',
      body: { apiVersion: apiVersionOf(ref), kind: ref.kind, ...object },
    });
  }

  /** PUT with the object's resourceVersion: 409 if someone changed it meanwhile. */
  async replace<T extends KubernetesObject>(ref: ResourceRef, object: T): Promise<T> {
    return kubeRequest<T>(this.kubeConfig, {
      method: 'PUT',
      path: resourcePath(ref, keyOf(object)),
      query: { fieldManager: this.fieldManager },
      body: { apiVersion: apiVersionOf(ref), kind: ref.kind, ...object },
    });
  }

  /** JSON merge patch of the object, or of its status subresource. */
  async mergePatch<T extends KubernetesObject>(
    ref: ResourceRef,
    key: ObjectKey,
    patch: Record<string, unknown>,
    subresource?: 'status',
  ): Promise<T> {
    return kubeRequest<T>(this.kubeConfig, {
      method: 'PATCH',
      path: resourcePath(ref, { ...key, ...(subresource ? { subresource } : {}) }),
      query: { fieldManager: this.fieldManager },
      contentType: 'application/merge-patch+json',
      body: patch,
    });
  }

  /** Replace .status through the status subresource (optimistic: carries resourceVersion). */
  async updateStatus<T extends KubernetesObject>(ref: ResourceRef, object: T): Promise<T> {
    return kubeRequest<T>(this.kubeConfig, {
      method: 'PUT',
      path: resourcePath(ref, { ...keyOf(object), subresource: 'status' }),
      query: { fieldManager: this.fieldManager },
      body: { apiVersion: apiVersionOf(ref), kind: ref.kind, ...object },
    });
  }

  /** Delete; false when it was already gone. */
  async delete(
    ref: ResourceRef,
    key: ObjectKey,
    propagationPolicy: 'Background' | 'Foreground' | 'Orphan' = 'Background',
  ): Promise<boolean> {
    try {
      await kubeRequest(this.kubeConfig, {
        method: 'DELETE',
        path: resourcePath(ref, key),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy },
      });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

function keyOf(object: KubernetesObject): ObjectKey {
  const name = object.metadata?.name;
  if (name === undefined) throw new Error('the object has no metadata.name');
  return { name, ...namespaceOf(object) };
}

function namespaceOf(object: KubernetesObject): { namespace?: string } {
  const namespace = object.metadata?.namespace;
  return namespace !== undefined ? { namespace } : {};
}
