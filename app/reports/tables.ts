import type { MessageKey } from '~/lib/locale';

/** The tables a dashboard shows; the page and its CSV exports are rendered from these columns. */
/** 'text' names the row; 'note' is text in a cell. */
export type Kind = 'text' | 'note' | 'count' | 'percent' | 'money';
export type Column = { key: string; label: MessageKey; kind: Kind };
export type Row = Record<string, string | number | null>;

const activityColumns: Column[] = [
  { key: 'sessionsDelivered', label: 'delivery.figures.sessionsDelivered', kind: 'count' },
  { key: 'workerVisits', label: 'delivery.figures.workerVisits', kind: 'count' },
  { key: 'ratings', label: 'delivery.figures.ratings', kind: 'count' },
  { key: 'satisfaction', label: 'delivery.figures.satisfaction', kind: 'percent' },
  { key: 'committedFen', label: 'reports.committed', kind: 'money' },
  { key: 'paidFen', label: 'reports.paid', kind: 'money' },
  // Not counted above: awaiting a union reviewer; and the attendance standard the row rests on.
  { key: 'pendingSessions', label: 'reports.pendingSessions', kind: 'count' },
  { key: 'pendingWalkIns', label: 'reports.pendingWalkIns', kind: 'count' },
  { key: 'pendingCheckins', label: 'reports.pendingCheckins', kind: 'count' },
  { key: 'basis', label: 'reports.basis', kind: 'note' },
];

const named = (label: MessageKey): Column => ({ key: 'label', label, kind: 'text' });

export const reportTables = {
  summary: [
    named('reports.union'),
    ...activityColumns,
    { key: 'projects', label: 'reports.projects', kind: 'count' },
    { key: 'incubated', label: 'reports.incubated', kind: 'count' },
    { key: 'graduated', label: 'reports.graduated', kind: 'count' },
    { key: 'exited', label: 'reports.exited', kind: 'count' },
  ],
  trend: [named('reports.period'), ...activityColumns],
  categories: [named('reports.category'), ...activityColumns],
  organizations: [named('reports.organization'), ...activityColumns],
  unions: [named('reports.union'), ...activityColumns],
  risk: [
    named('risk.dashboard.indicator'),
    { key: 'flags', label: 'risk.dashboard.flags', kind: 'count' },
    { key: 'valueFen', label: 'risk.dashboard.value', kind: 'money' },
  ],
  contracts: [
    named('common.state'),
    { key: 'count', label: 'reports.contractCount', kind: 'count' },
    { key: 'amountFen', label: 'reports.contractAmount', kind: 'money' },
  ],
} satisfies Record<string, Column[]>;

/** How many organizations a dashboard lists, the most worker-visits first; its CSV lists them all. */
export const listedOrganizations = 20;

export type TableKey = keyof typeof reportTables;
export const tableKeys = Object.keys(reportTables) as TableKey[];

export function isTableKey(value: string | undefined): value is TableKey {
  return tableKeys.includes(value as TableKey);
}
