// GET through the Lattice data plane with a chosen Host header (fetch cannot set Host).
import http from 'node:http';

export interface ProxyAnswer {
  status: number;
  body: string;
  /** x-trellis-data-plane-reason, when the data plane answered itself */
  reason?: string;
}

export function proxyGet(url: string, host: string, path = '/'): Promise<ProxyAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${path}`, { headers: { host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const reason = res.headers['x-trellis-data-plane-reason'];
        resolve({ status: res.statusCode ?? 0, body, ...(typeof reason === 'string' ? { reason } : {}) });
      });
    });
    req.on('error', reject);
  });
}
