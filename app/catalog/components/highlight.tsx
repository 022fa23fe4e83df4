/** Escapes a term for use inside a RegExp. */
function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termsPattern(terms: string[]) {
  return terms.length ? new RegExp(`(${terms.map(escapeRegExp).join('|')})`, 'giu') : null;
}

/** Marks every occurrence of the search terms, case-insensitively, as the search matched them. */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const pattern = termsPattern(terms);
  if (!pattern) return <>{text}</>;
  // Splitting on a capturing group puts the matches at the odd indices.
  return <>{text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}

/** About `length` characters of `text` around the first match, so a hit in a long description shows. */
export function excerpt(text: string, terms: string[], length = 70) {
  const chars = [...text];
  if (chars.length <= length) return text;
  const pattern = termsPattern(terms);
  const at = pattern ? text.search(pattern) : -1;
  const start = at < 0 ? 0 : Math.max(0, [...text.slice(0, at)].length - Math.floor(length / 3));
  const end = Math.min(chars.length, start + length);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}
