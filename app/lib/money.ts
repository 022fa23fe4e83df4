/** Parses a yuan amount typed by a person ("3000", "3,000.50") into integer fen, or null. */
export function parseYuan(input: string): number | null {
  const cleaned = input.replace(/[,，\s¥￥]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function fenToYuanInput(fen: number) {
  return (fen / 100).toFixed(2).replace(/\.00$/, '');
}
