import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Writes a JSON response (and closes the connection afterwards when `close` is set). */
export function sendJson(res: ServerResponse, status: number, body: unknown, { close = false } = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/** Listens and resolves to the bound port (pass 0 for a free one). No host means every interface. */
export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Stops accepting connections, lets requests in flight finish (up to `graceMs`), then cuts what is left.
 * Idle keep-alive connections are closed at once.
 */
export function closeServer(server: Server, graceMs = 3000): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
