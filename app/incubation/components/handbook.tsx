import { Fragment } from 'react';
import type { Block, Inline } from '../markdown';
import { DataTable } from '~/ui/table';

function Text({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.strong ? <strong key={i}>{part.text}</strong> : <Fragment key={i}>{part.text}</Fragment>,
      )}
    </>
  );
}

/** Renders parsed handbook Markdown; every piece of text goes through React, so it is escaped. */
export function HandbookBlocks({ blocks, headingOffset = 0 }: { blocks: Block[]; headingOffset?: number }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.type) {
          case 'heading': {
            const Tag = `h${Math.min(6, block.level + headingOffset)}` as 'h2';
            return (
              <Tag key={i}>
                <Text parts={block.text} />
              </Tag>
            );
          }
          case 'paragraph':
            return (
              <p key={i}>
                <Text parts={block.text} />
              </p>
            );
          case 'list': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <Text parts={item} />
                  </li>
                ))}
              </List>
            );
          }
          case 'table':
            return (
              <DataTable
                key={i}
                rows={block.rows}
                rowKey={(row) => block.rows.indexOf(row)}
                columns={block.header.map((cell, k) => ({
                  label: cell.map((part) => part.text).join(''),
                  cell: (row: Inline[][]) => <Text parts={row[k] ?? []} />,
                }))}
              />
            );
        }
      })}
    </>
  );
}
