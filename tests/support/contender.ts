// A process of its own, on its own connection to the test file's database, for races between
// processes (as between the server's workers): it prepares, says "ready", waits for "go" on stdin,
// does its part and prints its outcome as the last line of JSON.
import { spawn } from 'node:child_process';

export function contender<T>(script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: process.env, stdio: 'pipe' });
  let output = '';
  let errors = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stderr.on('data', (chunk) => (errors += chunk));
  child.stdout.on('data', (chunk) => {
    output += chunk;
    if (output.includes('ready\n')) markReady();
  });
  const done = new Promise<T>((resolve, reject) =>
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last !== 'ready') resolve(JSON.parse(last) as T);
      else reject(new Error(`${script} exited ${code}: ${errors || output}`));
    }),
  );
  return { ready, done, go: () => child.stdin.write('go\n') };
}
