import type { Column, Kind, Row } from './tables';

/** Excel reads a UTF-8 file as the local code page unless it starts with a byte-order mark. */
const byteOrderMark = '\uFEFF';

/** Text a spreadsheet would run as a formula is prefixed with an apostrophe. */
function safeText(text: string) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(field: string) {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** Numbers stay numbers: counts as integers, rates as percentages, money in yuan. */
export function csvValue(value: Row[string], kind: Kind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'text' || kind === 'note') return safeText(String(value));
  if (kind === 'percent') return (Number(value) * 100).toFixed(1);
  if (kind === 'money') return (Number(value) / 100).toFixed(2);
  return String(value);
}

export function toCsv(header: string[], rows: string[][]) {
  return byteOrderMark + [header, ...rows].map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** `label` translates a column's header, with its unit (% or 元) where it has one. */
export function tableCsv(columns: Column[], rows: Row[], label: (column: Column) => string) {
  return toCsv(
    columns.map(label),
    rows.map((row) => columns.map((c) => csvValue(row[c.key] ?? null, c.kind))),
  );
}
