import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indexFile, messagesIndex } from '../../scripts/messages-index';
import { namespaces, resources } from '~/lib/i18n';
import { supportedLanguages } from '~/lib/locale';

type Tree = { [key: string]: string | Tree };

/** Flattens nested messages into { 'a.b.c': 'text' }. */
function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else Object.assign(out, flatten(value, `${prefix}${key}.`));
  }
  return out;
}

/** A language's messages as t() names them: 'nav.home' (core), 'procurement.bid.saveDraft'. */
function keyed(bundles: Record<string, Tree>): Record<string, string> {
  return Object.assign(
    {},
    ...Object.entries(bundles).map(([ns, tree]) => flatten(tree, ns === 'core' ? '' : `${ns}.`)),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

const master = keyed(resources['zh-CN']);
const others = { en: keyed(resources.en), 'zh-TW': keyed(resources['zh-TW']) };

describe('the messages index (app/locales/resources.generated.ts)', () => {
  // What Vite's glob finds: app/<capability>/messages/<language>.ts.
  const found = import.meta.glob<{ default: Tree }>('../*/messages/*.ts', { eager: true });

  it('holds every capability messages folder the glob finds, in every language, and nothing else', () => {
    const listed = Object.entries(resources).flatMap(([language, bundles]) =>
      Object.entries(bundles)
        .filter(([ns]) => ns !== 'core')
        .map(([ns, tree]) => [`../${ns}/messages/${language}.ts`, tree]),
    );
    expect(Object.fromEntries(listed)).toEqual(
      Object.fromEntries(Object.entries(found).map(([f, m]) => [f, m.default])),
    );
    expect(new Set(Object.keys(found).map((file) => file.split('/')[1]))).toEqual(new Set(namespaces.slice(1)));
  });

  it('is what `npm run messages:index` writes today', () => {
    expect(readFileSync(indexFile, 'utf8')).toBe(messagesIndex());
  });
});

describe('the core namespace', () => {
  it('has no group named like a namespace (t would look in that namespace instead)', () => {
    const shadowed = Object.keys(resources['zh-CN'].core).filter((group) =>
      (namespaces as readonly string[]).includes(group),
    );
    expect(shadowed).toEqual([]);
  });
});

describe.each(namespaces)('the %s namespace', (ns) => {
  it('has exactly the same keys in every language', () => {
    const keys = supportedLanguages.map((language) => Object.keys(flatten(resources[language][ns])).sort());
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
  });
});

describe("the states of every capability's machines", () => {
  // app/<capability>/machine.ts: a machine's state names are `<capability>.states.<machine>.<state>`.
  const machines = Object.entries(
    import.meta.glob<Record<string, unknown>>('../*/machine.ts', { eager: true }),
  ).flatMap(([file, module]) =>
    Object.values(module)
      .filter((value): value is { name: string; states: string[] } =>
        Array.isArray((value as { states?: unknown })?.states),
      )
      .map((machine) => ({ group: `${file.split('/')[1]}.states.${machine.name}`, states: machine.states })),
  );

  // A bid's state shows only in sentences of its own (the bid form's notices), never by its name.
  const unnamed = new Set(['procurement.states.bid']);

  it('have words, whichever state a badge or a page is given', () => {
    const missing = machines
      .filter(({ group }) => !unnamed.has(group))
      .flatMap(({ group, states }) => states.map((state) => `${group}.${state}`))
      .filter((key) => !(key in master));
    expect(missing).toEqual([]);
  });
});

describe.each(Object.entries(others))('%s messages', (_name, messages) => {
  it('have exactly the same keys as zh-CN', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(master).sort());
  });

  it('use the same {{placeholders}} as zh-CN', () => {
    for (const [key, text] of Object.entries(master)) {
      expect(placeholders(messages[key] ?? ''), key).toEqual(placeholders(text));
    }
  });
});

describe('en messages', () => {
  it('contain no Chinese characters or full-width punctuation', () => {
    // Han, CJK punctuation (、。「」), full-width forms (，：；！？（）) and small/vertical forms.
    const cjk = /\p{Script=Han}|[\u3000-\u303f\u30fb\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef]/u;
    const offending = Object.entries(others.en).filter(
      // The only allowance: the names of the two Chinese languages, written in themselves.
      ([key, text]) => !['languages.zh-CN', 'languages.zh-TW'].includes(key) && cjk.test(text),
    );
    expect(offending).toEqual([]);
  });
});

// One zh-TW word per concept, the one that matches zh-CN's: 採購案 (采购项目), 孵化 (孵化), 職工
// (职工), 出殼 (出壳). The patterns are the variants that crept in; 退出孵化 and 志工人數 are not.
const zhTwVariants: { chosen: string; variants: RegExp }[] = [
  { chosen: '採購案', variants: /招標|標案|採購項目|採購計畫/ },
  { chosen: '孵化', variants: /培育|育成|輔育/ },
  { chosen: '職工', variants: /勞工|員工|工友/ },
  { chosen: '出殼', variants: /結業|畢業|出育/ },
];

describe('zh-TW messages', () => {
  it.each(zhTwVariants)('say $chosen, never another word for it', ({ variants }) => {
    const offending = Object.entries(others['zh-TW']).filter(([, text]) => variants.test(text));
    expect(offending).toEqual([]);
  });
});

describe('the code around the messages', () => {
  const appDir = fileURLToPath(new URL('..', import.meta.url));
  // Files that read what people type (full-width commas, 、, ￥) or hold Chinese test data, and the
  // stored record of an amendment's new attachments (names joined with 、 when written).
  const reading = new Set([
    'lib/money.ts',
    'catalog/schemas.ts',
    'incubation/markdown.ts',
    'procurement/tenders.server.ts',
  ]);
  const sources = readdirSync(appDir, { recursive: true, encoding: 'utf8' }).filter(
    (file) =>
      /\.tsx?$/.test(file) && !/(\.test\.ts|\/messages\/[\w-]+\.ts)$/.test(file) && !file.startsWith('locales/'),
  );

  it("writes no full-width punctuation into pages (it comes from punctuation.* in the reader's language)", () => {
    const fullWidth = /[\u3000-\u303f\uff00-\uffef]/u;
    const offending = sources
      .filter((file) => !reading.has(file))
      .flatMap((file) =>
        readFileSync(join(appDir, file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
          .split('\n')
          .filter((line) => fullWidth.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(offending).toEqual([]);
  });
});

describe('translation keys used in source', () => {
  const appDir = fileURLToPath(new URL('..', import.meta.url));
  const sources = readdirSync(appDir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
  // Literal dotted keys in single, double or back quotes, given to t() or to a UserError (shown
  // translated where it is caught); keys built with ${...} are skipped.
  const call = /\b(?:t|UserError)\(\s*(['"`])([\w-]+(?:\.[\w-]+)+)\1/g;
  const used = new Set(
    sources.flatMap((file) => [...readFileSync(join(appDir, file), 'utf8').matchAll(call)].map((m) => m[2]!)),
  );

  it('finds some keys to check', () => {
    expect(used.size).toBeGreaterThan(0);
  });

  it('all exist in zh-CN (directly or as _one/_other plurals)', () => {
    const exists = (key: string) => key in master || `${key}_other` in master;
    expect([...used].filter((key) => !exists(key)).sort()).toEqual([]);
  });
});
