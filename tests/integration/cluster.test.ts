// The built server with two worker processes (WEB_CONCURRENCY=2, docs/decisions/106): a rate limit
// holds across them, the background work runs in exactly one of them (and in its replacement when
// it dies), a worker that refuses to start stops the server with its code, and SIGTERM ends them
// all with exit 0. Needs `npx react-router build` first (scripts/test.mjs does it).
import { once } from 'node:events';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { afterAll, describe, expect, test } from 'vitest';
import { killServers, startServer, untilOutput, type Server } from '../support/server';

afterAll(killServers);

/** The worker processes the primary reported when they last all listened. */
function workerPids(server: Server) {
  const lines = [...server.output.join('').matchAll(/Listening on .*: \d+ processes \(([\d, ]+)\)/g)];
  return lines.at(-1)![1]!.split(', ').map(Number);
}

const backgroundPids = (server: Server) =>
  [...server.output.join('').matchAll(/Background work in process (\d+)/g)].map((match) => Number(match[1]));

/**
 * Which process holds the server's end of this client socket: the socket whose remote port is the
 * client's, found in /proc/net/tcp{,6} and then among each process's open files.
 */
function processHolding(socket: { localPort?: number }, serverPort: number, pids: number[]) {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const inode = ['/proc/net/tcp', '/proc/net/tcp6']
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .find(
      (fields) => fields[1]?.endsWith(`:${hex(serverPort)}`) && fields[2]?.endsWith(`:${hex(socket.localPort!)}`),
    )?.[9];
  return pids.find((pid) =>
    readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
      } catch {
        return false; // closed while we looked
      }
    }),
  );
}

/** A signup posted on a connection of its own: its status and the worker process that answered. */
async function signUpOnNewConnection(server: Server, pids: number[], i: number) {
  const agent = new http.Agent({ keepAlive: true });
  const body = new URLSearchParams({
    name: `职工 ${i}`,
    email: `cluster-${i}@example.cn`,
    password: 'a long enough password',
  });
  try {
    const request = http.request({
      port: server.port,
      host: '127.0.0.1',
      method: 'POST',
      path: '/signup',
      agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    request.end(body.toString());
    const [response] = (await once(request, 'response')) as [http.IncomingMessage];
    response.resume();
    await once(response, 'end');
    // The connection is kept open, so the process that answered still holds its end.
    return { status: response.statusCode, pid: processHolding(request.socket!, server.port, pids) };
  } finally {
    agent.destroy();
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('two worker processes', () => {
  test('share a rate limit, run the background work in one, and stop together on SIGTERM', async () => {
    const server = await startServer({ WEB_CONCURRENCY: '2', RATE_LIMIT_SIGNUP: '2/h', RATE_LIMITS: undefined });
    const pids = workerPids(server);
    expect(pids).toHaveLength(2);

    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await signUpOnNewConnection(server, pids, i));
    expect(new Set(answers.map((a) => a.pid))).toEqual(new Set(pids));
    // Two per address per hour, whichever process answered: a window per process would let in four.
    expect(answers.map((a) => a.status)).toEqual([302, 302, 429, 429, 429, 429]);

    // Each worker runs under the heap ceiling (WORKER_HEAP_MIB, 256 by default).
    for (const pid of pids) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('--max-old-space-size=256');

    const [background] = backgroundPids(server);
    expect(backgroundPids(server)).toEqual([background]);
    expect(pids).toContain(background);

    // The background worker dies: its replacement takes the background work over, and only it.
    process.kill(background!, 'SIGKILL');
    await untilOutput(server, `Worker ${background} was killed by SIGKILL; starting another`);
    await untilOutput(server, 'Listening on', 2);
    const replacement = backgroundPids(server)[1]!;
    expect(replacement).not.toBe(background);
    // The other worker dies: its replacement runs no background work.
    const other = pids.find((pid) => pid !== background)!;
    process.kill(other, 'SIGKILL');
    await untilOutput(server, 'Listening on', 3);
    const workers = workerPids(server);
    expect(workers).toContain(replacement);
    expect(workers.filter((pid) => pids.includes(pid))).toEqual([]);
    expect(backgroundPids(server)).toEqual([background, replacement]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    server.process.kill('SIGTERM');
    const [code] = await server.exited;
    expect(code).toBe(0);
    expect(server.output.join('').match(/Shut down cleanly/g)).toHaveLength(2);
    expect(workers.filter(alive)).toEqual([]);
  }, 120_000);

  test('WEB_CONCURRENCY must be a number of processes, the test clock needs one, and a heap ceiling is in MiB', async () => {
    for (const [env, message] of [
      [{ WEB_CONCURRENCY: 'two' }, 'WEB_CONCURRENCY must be a whole number of processes (1 or more), not "two"'],
      [{ WEB_CONCURRENCY: '2', TEST_CLOCK: '1' }, 'TEST_CLOCK=1 needs WEB_CONCURRENCY=1'],
      [{ WEB_CONCURRENCY: '2', WORKER_HEAP_MIB: '32' }, 'WORKER_HEAP_MIB must be a whole number of MiB (64 or more), not "32"'],
    ] as const) {
      await expect(startServer(env)).rejects.toThrow(message);
    }
  });

  test('a worker that refuses to start stops the server with its exit code, without starting another', async () => {
    const refusal = await startServer({ WEB_CONCURRENCY: '2', SMS_PROVIDER: 'carrier-pigeon' }).catch(String);
    expect(refusal).toMatch(/server exited \(1\)/);
    expect(refusal).toMatch(/before it listened: stopping/);
    expect(String(refusal).match(/Error: SMS_PROVIDER must be one of/g)).toHaveLength(1);
  }, 60_000);
});
