import {
  baseWeights,
  gradeThresholds,
  indicators as modelIndicators,
  type Grade,
  type Indicator as PerformanceIndicator,
  type Model,
  type Thresholds,
} from '../evaluation/model';

/**
 * Every number the incubator's rules use — term lengths, entry rubric, evaluation weights and
 * grade thresholds, booking limits — defined once here. An incubator may override them (stored in
 * `incubators.settings`); the handbook (incubator-docs/) shows them from the same object the code
 * computes with, so the two cannot disagree.
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

/** The performance model's indicators (issue 7), applied to the contracts of the incubator's residents. */
export const performanceIndicators = modelIndicators;

export type PassingGrade = Exclude<Grade, 'fail'>;
export const passingGrades: readonly PassingGrade[] = ['excellent', 'good', 'pass'];

type GradeMinimums = Record<PassingGrade, number>;
const defaultMinimums = Object.fromEntries(gradeThresholds.map((t) => [t.grade, t.min])) as GradeMinimums;

export type IncubatorSettings = {
  term: { months: number; extensionMonths: number; maxExtensions: number };
  entry: { minPeople: number; passScore: number; weights: Record<EntryCriterion, number> };
  evaluation: {
    intervalMonths: number;
    weights: Record<Indicator, number>;
    thresholds: GradeMinimums;
  };
  /** The performance model the incubator's residents' contracts and quarters are scored with. */
  performance: { weights: Record<PerformanceIndicator, number>; thresholds: GradeMinimums };
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
    thresholds: defaultMinimums,
  },
  performance: { weights: baseWeights, thresholds: defaultMinimums },
  exit: { graduationGrade: 'good' },
  bookings: { maxHours: 4, advanceDays: 30 },
  meetings: { intervalMonths: 3 },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type StoredSettings = DeepPartial<IncubatorSettings>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Stored values over the defaults, key by key; keys the defaults do not know are dropped. */
function merge<T>(defaults: T, stored: unknown): T {
  if (!isPlainObject(defaults)) return (stored ?? defaults) as T;
  const source = isPlainObject(stored) ? stored : {};
  return Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, merge(value, source[key])])) as T;
}

export function effectiveSettings(stored: StoredSettings | null | undefined): IncubatorSettings {
  return merge(defaultSettings, stored);
}

const asThresholds = (minimums: GradeMinimums): Thresholds =>
  passingGrades.map((grade) => ({ grade, min: minimums[grade] }));

/** The settings' grade thresholds in the shape `weightedScore` and `gradeFor` take. */
export function thresholdsOf(settings: IncubatorSettings): Thresholds {
  return asThresholds(settings.evaluation.thresholds);
}

/** The incubator's performance model, in the shape the evaluation functions take. */
export function performanceModel(settings: IncubatorSettings): Model {
  return { weights: settings.performance.weights, thresholds: asThresholds(settings.performance.thresholds) };
}

/** True when `grade` is `minimum` or better. */
export function meetsGrade(grade: Grade, minimum: PassingGrade) {
  const order: readonly Grade[] = [...passingGrades, 'fail'];
  return order.indexOf(grade) <= order.indexOf(minimum);
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
