import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { transition, type Machine } from './machine';

type AnyMachine = Machine<string, string, string>;

/** Every machine every capability declares (`app/<capability>/machine.ts`), by its exported name. */
const declared = new Map(
  Object.values(import.meta.glob<Record<string, unknown>>('../*/machine.ts', { eager: true }))
    .flatMap((module) => Object.entries(module))
    .filter((entry): entry is [string, AnyMachine] => {
      const value = entry[1] as Partial<AnyMachine> | null;
      return typeof value === 'object' && value !== null && Array.isArray(value.states) && !!value.transitions;
    }),
);
const machines = [...declared.values()];

describe.each(machines.map((m) => [m.name, m] as const))('%s lifecycle', (_name, machine) => {
  for (const [name, t] of Object.entries(machine.transitions)) {
    for (const state of machine.states) {
      if (t.from.includes(state)) {
        it(`${name} from ${state} → ${t.to}`, () => {
          expect(transition(machine, state, name, t.by[0])).toBe(t.to);
        });
      } else {
        it(`refuses ${name} from ${state}`, () => {
          expect(() => transition(machine, state, name, t.by[0])).toThrow('errors.illegalTransition');
        });
      }
    }
    it(`refuses ${name} by someone not allowed`, () => {
      expect(() => transition(machine, t.from[0]!, name, 'stranger')).toThrow('errors.forbidden');
    });
  }
});

function serverModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverModules(path);
    return entry.name.endsWith('.server.ts') && readFileSync(path, 'utf8').includes('transition(') ? [path] : [];
  });
}

/**
 * The transitions the commands take: every `transition(machine, from, name, …)` call in the
 * capabilities' `*.server.ts`, read with the type checker, so that a name chosen at run time
 * (`decision: 'accept' | 'return'`) counts as each transition its type allows.
 */
function takenTransitions() {
  const config = ts.getParsedCommandLineOfConfigFile(
    resolve('tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram(serverModules(resolve('app')), { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const machineModule = resolve('app/lib/machine.ts');
  const resolved = (node: ts.Node) => {
    const symbol = checker.getSymbolAtLocation(node);
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  };
  const taken = new Set<string>();
  const unreadable: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments.length >= 3) {
      const callee = resolved(node.expression);
      const isTransition =
        callee?.name === 'transition' &&
        callee.declarations?.some((d) => resolve(d.getSourceFile().fileName) === machineModule);
      if (isTransition) {
        const [machineArg, , nameArg] = node.arguments;
        const machine = declared.get(resolved(machineArg!)?.name ?? '');
        const type = checker.getTypeAtLocation(nameArg!);
        const names = (type.isUnion() ? type.types : [type]).map((t) => (t.isStringLiteral() ? t.value : null));
        const where = `${node.getSourceFile().fileName}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (!machine || names.includes(null)) unreadable.push(where);
        else for (const name of names) taken.add(`${machine.name}.${name}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getRootFileNames()) visit(program.getSourceFile(file)!);
  return { taken, unreadable };
}

describe('the commands', () => {
  it('take every transition the machines declare', { timeout: 60_000 }, () => {
    const { taken, unreadable } = takenTransitions();
    expect(unreadable, 'transition() calls whose machine or transition name the test cannot tell').toEqual([]);
    const declaredNames = machines.flatMap((m) => Object.keys(m.transitions).map((name) => `${m.name}.${name}`));
    expect(
      declaredNames.filter((name) => !taken.has(name)),
      'declared transitions no command takes',
    ).toEqual([]);
  });
});
