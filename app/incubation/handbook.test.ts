import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HandbookBlocks } from './components/handbook';
import { fillPlaceholders, handbookSources, handbookValues, renderHandbook } from './handbook.server';
import { parseMarkdown, type Inline } from './markdown';
import {
  defaultSettings,
  effectiveSettings,
  flattenSettings,
  performanceModel,
  type IncubatorSettings,
} from './settings';
import { defaultModel } from '~/evaluation/model';

const incubator = { name: '象山县总工会社会组织孵化基地', host: '象山县职工服务中心' };
/** The handbook as the reader sees it: all its text, chapter by chapter. */
function plain(settings: IncubatorSettings, slug?: string) {
  const inline = (parts: Inline[]) => parts.map((p) => p.text).join('');
  return renderHandbook(incubator, settings)
    .filter((c) => !slug || c.slug === slug)
    .flatMap((c) =>
      c.blocks.map((b) => {
        if (b.type === 'list') return b.items.map(inline).join('\n');
        if (b.type === 'table') return [b.header, ...b.rows].map((row) => row.map(inline).join(' | ')).join('\n');
        return inline(b.text);
      }),
    )
    .join('\n');
}

describe('the handbook and the settings', () => {
  it('names every setting the code uses, so no rule runs that the handbook does not state', () => {
    const used = new Set(
      handbookSources().flatMap(({ source }) => [...source.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!)),
    );
    expect(Object.keys(flattenSettings(defaultSettings)).filter((key) => !used.has(key))).toEqual([]);
  });

  it('has a value for every placeholder', () => {
    const values = handbookValues(incubator, defaultSettings);
    for (const { slug, source } of handbookSources()) {
      expect(() => fillPlaceholders(source, values), slug).not.toThrow();
      expect(fillPlaceholders(source, values), slug).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('refuses a placeholder with no value', () => {
    expect(() => fillPlaceholders('权重 {{evaluation.weights.nonexistent}}', {})).toThrow(/nonexistent/);
  });

  it('shows each evaluation weight, and the platform’s grade scale, in the evaluation chapter', () => {
    const before = plain(defaultSettings, '03-evaluation');
    expect(before).toContain('服务场次完成率 | 期内验收通过的活动场次');
    expect(before).toMatch(/服务场次完成率 \|[^\n]* \| 20\n/);
    expect(before).toContain('优秀 | 90 分及以上');
    expect(before).toContain('不合格 | 低于 60 分');
    const changed = effectiveSettings({ evaluation: { weights: { sessions: 35 } } });
    const after = plain(changed, '03-evaluation');
    expect(after).toMatch(/服务场次完成率 \|[^\n]* \| 35\n/);
    expect(after).toContain('优秀 | 90 分及以上');
  });

  it('shows the performance model’s weights as the incubator sets them, graded on the same scale', () => {
    const before = plain(defaultSettings, '03-evaluation');
    expect(before).toMatch(/\n完成率 \|[^\n]* \| 25\n/);
    expect(before).toContain('综合得分 90 分及以上为优秀，75 分及以上为良好，60 分及以上为合格');
    const changed = effectiveSettings({ performance: { weights: { completion: 45, satisfaction: 5 } } });
    const after = plain(changed, '03-evaluation');
    expect(after).toMatch(/\n完成率 \|[^\n]* \| 45\n/);
    expect(after).toMatch(/\n满意率 \|[^\n]* \| 5\n/);
  });

  it('states the grade scale whatever thresholds an incubator stored before it was one', () => {
    const legacy = { performance: { thresholds: { excellent: 85 } }, evaluation: { thresholds: { excellent: 92 } } };
    const text = plain(effectiveSettings(legacy as never), '03-evaluation');
    expect(text).toContain('优秀 | 90 分及以上');
    expect(text).toContain('综合得分 90 分及以上为优秀');
  });

  it('changes wherever a setting changes', () => {
    expect(plain(defaultSettings)).toContain('孵化期为 24 个月');
    expect(plain(effectiveSettings({ term: { months: 18 } }))).toContain('孵化期为 18 个月');
    expect(plain(defaultSettings)).toContain('最近一次评估等级达到 良好 及以上');
    expect(plain(effectiveSettings({ exit: { graduationGrade: 'excellent' } }))).toContain(
      '最近一次评估等级达到 优秀 及以上',
    );
  });
});

describe('effectiveSettings', () => {
  it('fills what an incubator did not set from the defaults and drops unknown keys', () => {
    const settings = effectiveSettings({ term: { months: 12 }, unknown: 1 } as never);
    expect(settings.term).toEqual({ ...defaultSettings.term, months: 12 });
    expect(settings.evaluation).toEqual(defaultSettings.evaluation);
    expect(settings).not.toHaveProperty('unknown');
  });

  it('drops the grade thresholds incubators could once store: the grades are not theirs to set', () => {
    const settings = effectiveSettings({
      evaluation: { intervalMonths: 3, thresholds: { excellent: 95, good: 80, pass: 70 } },
      performance: { thresholds: { excellent: 95, good: 80, pass: 70 } },
      exit: { graduationGrade: 'excellent' },
    } as never);
    expect(settings).toEqual({
      ...defaultSettings,
      evaluation: { ...defaultSettings.evaluation, intervalMonths: 3 },
      exit: { graduationGrade: 'excellent' },
    });
    expect(performanceModel(settings)).toEqual(defaultModel);
  });
});

describe('the Markdown renderer', () => {
  it('parses headings, lists, tables and bold', () => {
    expect(
      parseMarkdown('# 标题\n\n正文**加粗**。\n\n1. 一\n2. 二\n\n- 甲\n\n| 列 | 值 |\n| --- | --- |\n| a | 1 |'),
    ).toEqual([
      { type: 'heading', level: 1, text: [{ text: '标题', strong: false }] },
      {
        type: 'paragraph',
        text: [
          { text: '正文', strong: false },
          { text: '加粗', strong: true },
          { text: '。', strong: false },
        ],
      },
      { type: 'list', ordered: true, items: [[{ text: '一', strong: false }], [{ text: '二', strong: false }]] },
      { type: 'list', ordered: false, items: [[{ text: '甲', strong: false }]] },
      {
        type: 'table',
        header: [[{ text: '列', strong: false }], [{ text: '值', strong: false }]],
        rows: [[[{ text: 'a', strong: false }], [{ text: '1', strong: false }]]],
      },
    ]);
  });

  it('shows markup as text: a name like <script> cannot inject HTML', () => {
    const source = fillPlaceholders('# {{incubator.name}}\n\n<img src=x onerror=alert(1)> **{{incubator.name}}**', {
      'incubator.name': '<script>alert(1)</script>',
    });
    const html = renderToStaticMarkup(createElement(HandbookBlocks, { blocks: parseMarkdown(source) }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('does not loop on a line that starts like a table but is not one', () => {
    expect(parseMarkdown('| 不是表格\n后续')).toEqual([
      { type: 'paragraph', text: [{ text: '| 不是表格后续', strong: false }] },
    ]);
  });
});
