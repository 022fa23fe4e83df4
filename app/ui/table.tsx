import type { HTMLAttributes, Key, ReactNode } from 'react';

/** One column of a DataTable: its heading, and what a row shows under it. */
export type Column<Row> = {
  label: string;
  cell: (row: Row) => ReactNode;
  /** The row's name: on a phone it heads the row's block, without a label. */
  title?: boolean;
  /** The row's heading cell (`<th scope="row">`), as a table of named things has. */
  rowHeader?: boolean;
  /** Buttons: on a phone they need no label. */
  action?: boolean;
  /** A heading for screen readers only. */
  labelHidden?: boolean;
  /** Figures, aligned right on a wide screen. */
  num?: boolean;
  className?: string;
};

type RowProps = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

/**
 * A table a person reads row by row. On a phone each row becomes a block of "heading：value" lines
 * (app.css, "Tables": the labels are the column headings, in `data-label`); on a wide screen it is an
 * ordinary table. A column left out for this page is passed as `false`.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowProps,
  testId,
  caption,
}: {
  columns: (Column<Row> | false)[];
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  rowProps?: (row: Row) => RowProps;
  testId?: string;
  /** The table's name, for screen readers. */
  caption?: string;
}) {
  const shown = columns.filter((c) => c !== false);
  return (
    <table data-testid={testId}>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          {shown.map((c, i) => (
            <th key={i} scope="col" className={c.num ? 'num' : undefined}>
              {c.labelHidden ? <span className="visually-hidden">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {shown.map((c, i) =>
              c.rowHeader ? (
                <th key={i} scope="row">
                  {c.cell(row)}
                </th>
              ) : (
                <td
                  key={i}
                  data-label={c.title || c.action ? '' : c.label}
                  className={
                    [c.title && 'row-title', c.num && 'num', c.className].filter(Boolean).join(' ') || undefined
                  }
                >
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
