/* global setTimeout */
// The primary of `node server.mjs` when it runs more than one process (docs/decisions/106): it forks
// the workers, each of which runs server.mjs's HTTP server on the same port, replaces one that dies
// and stops them all on SIGTERM or SIGINT. It loads neither the build nor React: it stays small.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/** `WEB_CONCURRENCY`: how many processes serve; one per core unless it says otherwise. */
export function processCount() {
  const text = process.env.WEB_CONCURRENCY;
  const count = text ? Number(text) : availableParallelism();
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`WEB_CONCURRENCY must be a whole number of processes (1 or more), not "${text}"`);
  }
  // The test clock is held in a process's memory: each process would keep a time of its own.
  if (count > 1 && process.env.TEST_CLOCK === '1') throw new Error('TEST_CLOCK=1 needs WEB_CONCURRENCY=1');
  return count;
}

/**
 * `WORKER_HEAP_MIB`: each worker's V8 heap ceiling (`--max-old-space-size`). Without one, V8 sizes a
 * heap by the machine's memory and, under load, lets it grow to several times what is live before it
 * collects (measured: 65 MiB live, 317 MiB of heap, 505 MiB resident); with 256 it stays near
 * 115 MiB of heap and 220 MiB resident at the same throughput (docs/decisions/106). A worker that
 * truly needs more dies and is replaced, so no request may hold an unbounded amount in memory.
 */
export function workerHeapMiB() {
  const text = process.env.WORKER_HEAP_MIB;
  const mib = text ? Number(text) : 256;
  if (!Number.isInteger(mib) || mib < 64) {
    throw new Error(`WORKER_HEAP_MIB must be a whole number of MiB (64 or more), not "${text}"`);
  }
  return mib;
}

const describeExit = (code, signal) => (signal ? `was killed by ${signal}` : `exited with code ${code}`);

/**
 * Runs `count` workers until a signal stops them; resolves with the code to exit with. The first
 * worker starts alone (it applies the migrations and checks the keys) and runs the background work;
 * the others start once it listens. A worker that dies is replaced, the first by another that runs
 * the background work; one that exits before it listens refused to start (missing keys, a bad
 * setting): the others are stopped and its exit code is the primary's, rather than a loop of forks.
 */
export function runCluster(count, shutdownTimeoutMs) {
  cluster.setupPrimary({
    exec: fileURLToPath(new URL('../server.mjs', import.meta.url)),
    execArgv: [...process.execArgv, `--max-old-space-size=${workerHeapMiB()}`],
  });
  const live = new Set();
  const listening = new Set();
  let background;
  let stopping = false;
  let exitCode = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));

  function fork(runsBackgroundWork) {
    // Set either way, so that a BACKGROUND_WORKER in the primary's environment reaches no one else.
    const worker = cluster.fork({ BACKGROUND_WORKER: runsBackgroundWork ? '1' : '' });
    live.add(worker);
    if (runsBackgroundWork) background = worker;
    return worker;
  }

  function stop(signal) {
    if (stopping) return;
    stopping = true;
    for (const worker of live) worker.process.kill(signal);
    // A worker stuck in synchronous work never reaches its own timeout.
    setTimeout(() => {
      console.error(`Workers still busy after ${shutdownTimeoutMs} ms; killing them`);
      for (const worker of live) worker.process.kill('SIGKILL');
      finish(1);
    }, shutdownTimeoutMs + 2_000).unref();
    if (!live.size) finish(exitCode);
  }

  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    if (worker === background && live.size === 1 && !stopping) {
      for (let i = 1; i < count; i++) fork(false);
    }
    if (listening.size === count && live.size === count) {
      const pids = [...live].map((w) => w.process.pid).join(', ');
      console.log(`Listening on http://localhost:${address.port}: ${count} processes (${pids})`);
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    const started = listening.delete(worker);
    if (stopping) {
      if (code) exitCode = 1;
      if (!live.size) finish(exitCode);
      return;
    }
    if (!started) {
      console.error(`Worker ${worker.process.pid} ${describeExit(code, signal)} before it listened: stopping`);
      exitCode = code || 1;
      return stop('SIGTERM');
    }
    console.error(`Worker ${worker.process.pid} ${describeExit(code, signal)}; starting another`);
    fork(worker === background);
  });

  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
      if (!stopping) console.log(`${signal}: stopping ${live.size} workers`);
      stop(signal);
    });
  }
  fork(true);
  return finished;
}
