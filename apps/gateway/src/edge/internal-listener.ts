import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type JSONWebKeySet } from 'jose';

/**
 * The internal listener (cluster network only): the JWKS services verify against, and health.
 * Kept off the public listener so the outside sees neither.
 */
export async function startInternalListener(
  jwks: JSONWebKeySet,
  host: string,
  port: number,
): Promise<{ readonly url: string; readonly server: Server }> {
  const body = JSON.stringify(jwks);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'max-age=300' });
      res.end(body);
    } else if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"code":"not-found","reason":"no such route"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`, server };
}
