/**
 * The Markdown the handbook uses, parsed into plain data: headings, paragraphs, lists, pipe
 * tables and **bold**. Nothing here produces HTML — React renders the text, escaped — so no input
 * can inject markup. Anything else is shown as the literal text it is.
 */
export type Inline = { text: string; strong: boolean };
export type Block =
  | { type: 'heading'; level: number; text: Inline[] }
  | { type: 'paragraph'; text: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'table'; header: Inline[][]; rows: Inline[][][] };

export function parseInline(text: string): Inline[] {
  return text
    .split('**')
    .map((part, i) => ({ text: part, strong: i % 2 === 1 }))
    .filter((part) => part.text !== '');
}

const heading = /^(#{1,4})\s+(.*)$/;
const bullet = /^[-*]\s+(.*)$/;
const numbered = /^\d+[.、]\s*(.*)$/;

function cells(line: string) {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => parseInline(cell.trim()));
}

function isTableSeparator(line: string | undefined) {
  return line !== undefined && /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line);
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const h = heading.exec(line);
    if (!line.trim()) {
      i++;
    } else if (h) {
      blocks.push({ type: 'heading', level: h[1]!.length, text: parseInline(h[2]!.trim()) });
      i++;
    } else if (line.trim().startsWith('|') && isTableSeparator(lines[i + 1])) {
      const header = cells(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(cells(lines[i++]!));
      blocks.push({ type: 'table', header, rows });
    } else if (bullet.test(line) || numbered.test(line)) {
      const ordered = !bullet.test(line);
      const pattern = ordered ? numbered : bullet;
      const items: Inline[][] = [];
      while (i < lines.length && pattern.test(lines[i]!)) items.push(parseInline(pattern.exec(lines[i++]!)![1]!));
      blocks.push({ type: 'list', ordered, items });
    } else {
      const text = [lines[i++]!.trim()];
      while (
        i < lines.length &&
        lines[i]!.trim() &&
        !heading.test(lines[i]!) &&
        !bullet.test(lines[i]!) &&
        !numbered.test(lines[i]!) &&
        !lines[i]!.trim().startsWith('|')
      ) {
        text.push(lines[i++]!.trim());
      }
      blocks.push({ type: 'paragraph', text: parseInline(text.join('')) });
    }
  }
  return blocks;
}
