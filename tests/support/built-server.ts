// The built production server (`node server.mjs`, after `npx react-router build`) on the calling
// test file's own database, for integration tests that need the real HTTP stack.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { databasePath } from '~/lib/db.server';

export type Server = {
  process: ChildProcessWithoutNullStreams;
  port: number;
  output: string[];
  exited: Promise<unknown[]>;
};

/** Every server started and not yet exited, for the test file to kill in `afterAll`. */
export const running = new Set<Server>();

export async function freePort() {
  const probe = createServer().listen(0);
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

/** Starts the server on this file's database, with `env` added; resolves once it listens. */
export async function startServer(port: number, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn('node', ['server.mjs'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_PATH: databasePath(), ...env },
  });
  const server = { process: child, port, output: [] as string[], exited: once(child, 'exit') };
  running.add(server);
  child.on('exit', () => running.delete(server));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      server.output.push(chunk.toString());
      if (server.output.join('').includes('Listening on')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => server.output.push(chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${server.output.join('')}`)));
  });
  return server;
}
