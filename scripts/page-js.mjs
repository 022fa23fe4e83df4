// The JavaScript a page makes the browser fetch or run, as a phone would download it: every
// external script and module preload of the production build, plus inline scripts, gzip -9 each.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function pageJavaScript(html) {
  const files = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ];
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((body) => body.trim());
  const unique = [...new Set(files)];
  const bodies = unique.map((src) => readFileSync(join('build/client', src))).concat(inline.map((s) => Buffer.from(s)));
  const gzip = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
  return { files: unique.length, inline: inline.length, gzip };
}
