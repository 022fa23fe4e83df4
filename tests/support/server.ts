// The built production server (`node server.mjs`) as a child process on the test file's own database.
// Needs `npx react-router build` first (scripts/test.mjs does it).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { databasePath } from '~/lib/db.server';

export type Server = {
  process: ChildProcessWithoutNullStreams;
  port: number;
  url: string;
  output: string[];
  exited: Promise<unknown[]>;
};

const running = new Set<Server>();

export async function freePort() {
  const probe = createServer().listen(0);
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

/**
 * Starts the server (NODE_ENV=production, one process and no kept pages unless `env` says otherwise; `undefined`
 * unsets a variable) with `nodeArgs` before the script; resolves once it listens.
 */
export async function startServer(env: Record<string, string | undefined> = {}, nodeArgs: string[] = []) {
  const port = await freePort();
  const merged = {
    ...process.env,
    NODE_ENV: 'production',
    WEB_CONCURRENCY: '1',
    // Tests read a page right after changing what it shows; the kept copies are tested on their own.
    PAGE_CACHE_MIB: '0',
    DATABASE_PATH: databasePath(),
    PORT: String(port),
    ...env,
  };
  const child = spawn('node', [...nodeArgs, 'server.mjs'], {
    env: Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)),
  });
  const server: Server = {
    process: child,
    port,
    url: `http://localhost:${port}`,
    output: [],
    exited: once(child, 'exit'),
  };
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

/** Resolves once the server has written `text` (`times` times). */
export function untilOutput(server: Server, text: string, times = 1) {
  return new Promise<void>((resolve) => {
    const check = () => server.output.join('').split(text).length > times && resolve();
    check();
    server.process.stdout.on('data', check);
    server.process.stderr.on('data', check);
  });
}

/** The server process's resident memory, in MiB. */
export function residentMiB(server: Server) {
  const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Kills what a test file left running (its afterAll). */
export function killServers() {
  for (const server of running) server.process.kill('SIGKILL');
}
