import { Fragment } from 'react';
import type { Block, Inline } from '../markdown';

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
              <table key={i}>
                <thead>
                  <tr>
                    {block.header.map((cell, j) => (
                      <th key={j} scope="col">
                        <Text parts={cell} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {block.rows.map((row, j) => (
                    <tr key={j}>
                      {row.map((cell, k) => (
                        <td key={k}>
                          <Text parts={cell} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
        }
      })}
    </>
  );
}
