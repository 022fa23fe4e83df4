import { execFileSync } from 'node:child_process';

/**
 * A port nobody listens on now, found synchronously (Playwright's config cannot await): a child
 * process binds port 0 on loopback, prints what the system gave it and exits.
 */
export function freePortSync() {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}
