// 统一社会信用代码 (GB 32100-2015).
// 31 characters: the Latin alphabet without I, O, Z, S and V.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null if they are malformed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Exact match only: callers normalise case and whitespace before asking. */
export function isValidCreditCode(code: string): boolean {
  if (code.length !== 18) return false;
  const check = creditCodeCheckChar(code.slice(0, 17));
  return check !== null && check === code.charAt(17);
}
