// Parses a cluster-relative path into what the request is about, as the API server's
// RequestInfoFactory does: non-resource paths, or group/version/namespace/resource/name/subresource.
export interface ResourceRequestInfo {
  kind: 'resource';
  group: string;
  version: string;
  /** '' when the path has no namespace segment */
  namespace: string;
  plural: string;
  name: string | undefined;
  subresource: string | undefined;
  verb: string;
}

export interface NonResourceRequestInfo {
  kind: 'nonResource';
  path: string;
  verb: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

const NON_RESOURCE_VERBS: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'post',
  PUT: 'put',
  PATCH: 'patch',
  DELETE: 'delete',
  OPTIONS: 'options',
};

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo | undefined {
  const segs = path.split('/').filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return { kind: 'nonResource', path: `/${segs.join('/')}`, verb: NON_RESOURCE_VERBS[method] ?? method.toLowerCase() };
  }
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return undefined;
  const plural = rest[0];
  const name = rest[1];
  const subresource = rest[2];
  // GET /api/v1/namespaces/foo is the namespace itself, not a collection in namespace foo
  const watchParam = query.get('watch');
  const watching = watchPath || watchParam === 'true' || watchParam === '1';
  let verb: string;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = watching ? 'watch' : name ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      verb = method.toLowerCase();
  }
  return { kind: 'resource', group, version, namespace, plural, name, subresource, verb };
}
