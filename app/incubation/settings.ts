import type { PassingGrade } from '../evaluation/grades';
import {
  baseWeights,
  indicators as modelIndicators,
  type Indicator as PerformanceIndicator,
  type Model,
} from '../evaluation/model';

/**
 * Every number the incubator's rules use — term lengths, entry rubric, evaluation weights, the
 * grade that graduates, booking limits — defined once here. An incubator may override them (stored
 * in `incubators.settings`); the handbook (incubator-docs/) shows them from the same object the
 * code computes with, so the two cannot disagree. The grades themselves are the platform's one
 * scale (`app/evaluation/grades.ts`): an incubator chooses the graduation grade, not what it means.
 */

/** How reviewers score an application for entry (入驻评审), each 0–100. */
export const entryCriteria = ['mission', 'plan', 'capacity', 'governance'] as const;
export type EntryCriterion = (typeof entryCriteria)[number];

/** Evaluation indicators the platform measures from delivery and contract data. */
export const measuredIndicators = ['sessions', 'workerVisits', 'satisfaction', 'onTime'] as const;
/** Evaluation indicators reviewers score, 0–100. */
export const judgedIndicators = ['governance', 'growth'] as const;
export const indicators = [...measuredIndicators, ...judgedIndicators] as const;
export type Indicator = (typeof indicators)[number];
export type JudgedIndicator = (typeof judgedIndicators)[number];

/** The same indicators as every organization's performance evaluation, so a resident is judged like anyone else. */
export const performanceIndicators = modelIndicators;

export type IncubatorSettings = {
  term: { months: number; extensionMonths: number; maxExtensions: number };
  entry: { minPeople: number; passScore: number; weights: Record<EntryCriterion, number> };
  evaluation: { intervalMonths: number; weights: Record<Indicator, number> };
  /** The performance model the incubator's residents' contracts and quarters are scored with. */
  performance: { weights: Record<PerformanceIndicator, number> };
  exit: { graduationGrade: PassingGrade };
  bookings: { maxHours: number; advanceDays: number };
  meetings: { intervalMonths: number };
};

export const defaultSettings: IncubatorSettings = {
  term: { months: 24, extensionMonths: 6, maxExtensions: 1 },
  entry: { minPeople: 3, passScore: 60, weights: { mission: 30, plan: 30, capacity: 25, governance: 15 } },
  evaluation: {
    intervalMonths: 6,
    weights: { sessions: 20, workerVisits: 15, satisfaction: 25, onTime: 15, governance: 15, growth: 10 },
  },
  performance: { weights: baseWeights },
  exit: { graduationGrade: 'good' },
  bookings: { maxHours: 4, advanceDays: 30 },
  meetings: { intervalMonths: 3 },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type StoredSettings = DeepPartial<IncubatorSettings>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Stored values over the defaults, key by key; keys the defaults do not know are dropped, such as
 * the grade thresholds incubators could set before the scale was one (decision 097).
 */
function merge<T>(defaults: T, stored: unknown): T {
  if (!isPlainObject(defaults)) return (stored ?? defaults) as T;
  const source = isPlainObject(stored) ? stored : {};
  return Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, merge(value, source[key])])) as T;
}

export function effectiveSettings(stored: StoredSettings | null | undefined): IncubatorSettings {
  return merge(defaultSettings, stored);
}

/** The incubator's performance model, in the shape the evaluation functions take. */
export function performanceModel(settings: IncubatorSettings): Model {
  return { weights: settings.performance.weights };
}

/** Every leaf as a dotted path → value, e.g. `evaluation.weights.sessions` → 20. */
export function flattenSettings(settings: IncubatorSettings): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const walk = (value: unknown, path: string) => {
    if (isPlainObject(value))
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    else out[path] = value as number | string;
  };
  walk(settings, '');
  return out;
}
