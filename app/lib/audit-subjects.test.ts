import { describe, expect, it, vi } from 'vitest';
import { registerAuditSubjects } from './audit.server';

const sources = import.meta.glob<string>('../*/*.server.ts', { query: '?raw', import: 'default', eager: true });
const modules = import.meta.glob('../*/*.server.ts');

const audited = Object.entries(sources)
  .map(([path, text]) => ({ path, types: [...new Set([...text.matchAll(/subjectType: '(\w+)'/g)].map((m) => m[1]!))] }))
  .filter(({ path, types }) => types.length > 0 && !path.startsWith('../lib/'));

describe('audit subjects registered by their capability', () => {
  it('finds the modules that audit', () => {
    expect(audited.length).toBeGreaterThan(30);
  });

  // Loaded alone, as a script run by tsx loads it: the union of every subject it writes is known,
  // so its audit rows reach the union's admins and not only the platform's.
  it.each(audited)('$path knows the union of $types', async ({ path, types }) => {
    vi.resetModules();
    await modules[path]!();
    const { isAuditSubject } = await import('./audit.server');
    for (const type of types) expect(isAuditSubject(type), type).toBe(true);
  });

  it('refuses a second, different definition of a subject', () => {
    registerAuditSubjects({ 'test-subject': null });
    expect(() => registerAuditSubjects({ 'test-subject': null })).not.toThrow();
    expect(() => registerAuditSubjects({ 'test-subject': 'select 1 where 0 =' })).toThrow(/twice/);
  });
});
