import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Renames message keys where code names them, from a TSV of `old<TAB>new` lines (leaf keys, plural
 * bases and whole groups): quoted keys ('procurement.bids.priceYuan'), the fixed head of a key built from data
 * (`evaluation.grades.${grade}`) and the group given to messageKey('evaluation.grades', grade). The messages themselves
 * are not touched. Usage: npx tsx scripts/rename-message-keys.ts <renames.tsv> [folder…]
 */
const [table, ...given] = process.argv.slice(2);
if (!table) throw new Error('usage: rename-message-keys.ts <renames.tsv> [folder…]');
const renames = new Map(
  readFileSync(table, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t') as [string, string]),
);
const folders = given.length ? given : ['app', 'emails', 'tests', 'db', 'scripts', 'bench'];
const messageFile = /(\/messages\/[\w-]+\.ts|locales\/(zh-CN|zh-TW|en|resources\.generated)\.ts)$/;

const rename = (key: string) => renames.get(key) ?? key;
const rewrite = (source: string) =>
  source
    // StateBadge took `namespace` (default 'states') and `machine`; it takes their key group now.
    .replace(
      /<StateBadge(\s+)(?:namespace="([\w.]+)"\s+)?machine="(\w+)"/g,
      (_, space: string, ns = 'states', machine: string) => `<StateBadge${space}states="${ns}.${machine}"`,
    )
    // A whole key, or a group given as one: dotted, so plain words ('events') are left alone.
    .replace(/(['"`])([\w-]+(?:\.[\w-]+)+)\1/g, (_, q: string, key: string) => q + rename(key) + q)
    // Only where a key is expected: `grades.${grade}` also names the handbook's placeholders.
    .replace(
      /\b(t|UserError)\(\s*`([\w-]+(?:\.[\w-]+)*)\.\$\{/g,
      (_, call: string, head: string) => `${call}(\`${rename(head)}.\${`,
    )
    .replace(
      /messageKey\(\s*(['"])([\w.-]+)\1/g,
      (_, q: string, group: string) => `messageKey(${q}${rename(group)}${q}`,
    );

const changed: string[] = [];
for (const folder of folders) {
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const path = join(folder, file);
    if (!/\.(tsx?|mjs)$/.test(file) || messageFile.test(path) || path.includes('node_modules')) continue;
    const source = readFileSync(path, 'utf8');
    const next = rewrite(source);
    if (next !== source) {
      writeFileSync(path, next);
      changed.push(path);
    }
  }
}
// Longer keys can overrun the line: format what changed (npx prettier --write $(…)), then type-check.
console.log(changed.join('\n'));
