import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultyProxy {
  port: number;
  /** The next `count` storage requests fail: with an HTTP status, or by dropping the connection. */
  fail(count: number, how: number | 'drop'): void;
  /** Drops the failures still queued. */
  clear(): void;
  injected: number;
  /** Storage requests passed on to Azurite: what the app asked of storage. */
  forwarded: number;
  close(): Promise<void>;
}

/** Sits between the app and Azurite and injects the failures Table Storage really produces. */
export async function startFaultyProxy(targetPort: number): Promise<FaultyProxy> {
  const queue: (number | 'drop')[] = [];
  const proxy: FaultyProxy = {
    port: 0,
    injected: 0,
    forwarded: 0,
    fail(count, how) {
      for (let index = 0; index < count; index += 1) queue.push(how);
    },
    clear() {
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
  const server = createServer((incoming, outgoing) => {
    const fault = queue.shift();
    if (fault !== undefined) {
      proxy.injected += 1;
      incoming.resume();
      if (fault === 'drop') return incoming.socket.destroy();
      outgoing.writeHead(fault, {
        'content-type': 'application/json',
        'x-ms-error-code': fault === 503 ? 'ServerBusy' : 'InternalError',
      });
      return outgoing.end(
        JSON.stringify({
          'odata.error': {
            code: fault === 503 ? 'ServerBusy' : 'InternalError',
            message: { value: 'Injected failure' },
          },
        }),
      );
    }
    proxy.forwarded += 1;
    const upstream = forward(
      { host: '127.0.0.1', port: targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}
