import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The convention (docs/decisions/099): `getX`/`findX` return the record or null/undefined;
// `requireX` throws (404, 403, UserError) when it is missing or not allowed.
// This reads the source text, not types: it sees a direct `throw`, `notFound(`, `forbidden(` or
// `requireY(` in the body of an exported top-level `get*`/`find*` function. A throw hidden in a
// helper with another name, or in an arrow function, goes unseen.
const declaration = /^export (?:async )?function ((?:get|find)[A-Z]\w*)[\s\S]*?^}/gm;
const throwing = /\bthrow\b|\bnotFound\(|\bforbidden\(|\brequire[A-Z]\w*\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

function throwingGetters(source: string) {
  return [...source.matchAll(declaration)].filter((m) => throwing.test(m[0])).map((m) => m[1]);
}

describe('naming: get* returns or null, require* throws', () => {
  it('no exported get*/find* function in app/ throws', () => {
    const offenders = sourceFiles('app').flatMap((file) =>
      throwingGetters(readFileSync(file, 'utf8')).map((name) => `${file}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('sees the throws it claims to see', () => {
    const source = [
      'export function getA(id: number) {\n  if (!id) notFound();\n  return id;\n}',
      'export function getB(id: number) {\n  requireOrgMember(viewer, id);\n  return id;\n}',
      'export async function findC(id: number) {\n  throw new UserError("x");\n}',
      'export function getD(id: number) {\n  return rows.get(id) ?? null;\n}',
    ].join('\n');
    expect(throwingGetters(source)).toEqual(['getA', 'getB', 'findC']);
  });
});
