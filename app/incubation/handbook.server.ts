import { attachmentLimits } from './application-attachments.server';
import { parseMarkdown, type Block } from './markdown';
import { flattenSettings, type IncubatorSettings } from './settings';
import { gradeMinimums, passingGrades } from '~/evaluation/grades';
import { reportDeadlineDays } from '~/evaluation/model';
import evaluationZhCN from '~/evaluation/messages/zh-CN';

/** The handbook's chapters (incubator-docs/NN-*.md), bundled into the build. */
const chapters = Object.entries(
  import.meta.glob<string>('../../incubator-docs/[0-9]*.md', { query: '?raw', import: 'default', eager: true }),
)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([path, source]) => ({ slug: path.replace(/^.*\/|\.md$/g, ''), source }));

export function handbookSources() {
  return chapters;
}

/** The values the handbook's {{placeholders}} name: the incubator's settings, the grade scale and fixed limits. */
export function handbookValues(
  incubator: { name: string; host: string },
  settings: IncubatorSettings,
): Record<string, string | number> {
  return {
    ...flattenSettings(settings),
    // The handbook is Chinese; grades are named as the handbook names them.
    'exit.graduationGrade': evaluationZhCN.grades[settings.exit.graduationGrade],
    'incubator.name': incubator.name,
    'incubator.host': incubator.host,
    'attachments.maxMegabytes': attachmentLimits.maxBytes / (1024 * 1024),
    'attachments.maxFiles': attachmentLimits.maxFiles,
    'performance.reportDeadlineDays': reportDeadlineDays,
    ...Object.fromEntries(passingGrades.map((grade) => [`grades.${grade}`, gradeMinimums[grade]])),
  };
}

/** Replaces every {{name}}; a name with no value is a defect in the handbook and throws. */
export function fillPlaceholders(source: string, values: Record<string, string | number>) {
  return source.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_match, name: string) => {
    if (!(name in values)) throw new Error(`Handbook placeholder {{${name}}} has no value`);
    return String(values[name]);
  });
}

export type HandbookChapter = { slug: string; blocks: Block[] };

export function renderHandbook(incubator: { name: string; host: string }, settings: IncubatorSettings) {
  const values = handbookValues(incubator, settings);
  return chapters.map(({ slug, source }): HandbookChapter => ({
    slug,
    blocks: parseMarkdown(fillPlaceholders(source, values)),
  }));
}
