import net from 'node:net';

/**
 * A loopback TCP proxy in front of a PostgreSQL server that counts what clients send: connections,
 * and round trips (a simple Query message, or a Sync that ends an extended-protocol exchange: each
 * waits for the server's ReadyForQuery). The bytes pass through untouched.
 */
export type WireCounts = { connections: number; roundTrips: number; statements: string[] };

export async function startWireCounter(target: {
  host: string;
  port: number;
}): Promise<{ port: number; counts: WireCounts; close: () => Promise<void> }> {
  const counts: WireCounts = { connections: 0, roundTrips: 0, statements: [] };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    counts.connections++;
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    let buffered = Buffer.alloc(0);
    let startup = true;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (startup) {
          // Startup, SSLRequest and GSSENCRequest messages have no type byte, just a length.
          if (buffered.length < 4) break;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) break;
          const code = buffered.readInt32BE(4);
          buffered = buffered.subarray(length);
          if (code !== 80877103 && code !== 80877104) startup = false; // not SSLRequest / GSSENCRequest
          continue;
        }
        if (buffered.length < 5) break;
        const length = buffered.readInt32BE(1);
        if (buffered.length < length + 1) break;
        const type = String.fromCharCode(buffered[0]!);
        const body = buffered.subarray(5, length + 1);
        if (type === 'Q') {
          counts.roundTrips++;
          counts.statements.push(body.toString('utf8', 0, body.length - 1));
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          const queryEnd = body.indexOf(0, nameEnd + 1);
          counts.statements.push(body.toString('utf8', nameEnd + 1, queryEnd));
        } else if (type === 'S') {
          counts.roundTrips++;
        }
        buffered = buffered.subarray(length + 1);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A counter in front of the PostgreSQL server at `url`, and `url` through it. */
export async function countThrough(
  url: string,
): Promise<Awaited<ReturnType<typeof startWireCounter>> & { url: string }> {
  const target = new URL(url);
  const counter = await startWireCounter({ host: target.hostname, port: Number(target.port || 5432) });
  target.port = String(counter.port);
  return { ...counter, url: target.toString() };
}
