import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resources } from '~/lib/i18n';

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

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

// The merged messages: the core files plus every capability's messages.ts.
const master = flatten(resources['zh-CN'].translation);
const others = { en: flatten(resources.en.translation), 'zh-TW': flatten(resources['zh-TW'].translation) };

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
    (file) => /\.tsx?$/.test(file) && !/(\.test\.ts|messages\.ts)$/.test(file) && !file.startsWith('locales/'),
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
