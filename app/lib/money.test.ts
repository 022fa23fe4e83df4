import { describe, expect, it } from 'vitest';
import { fenToYuanInput, parseYuan } from './money';

describe('parseYuan', () => {
  it.each([
    ['3000', 300000],
    ['3,000.5', 300050],
    ['￥40000.05', 4000005],
    ['0.01', 1],
  ])('%s yuan is %i fen', (input, fen) => expect(parseYuan(input)).toBe(fen));

  it.each(['-5000', 'abc', '三千', '1.234', '', '1e5'])('refuses %s', (input) => expect(parseYuan(input)).toBeNull());

  it('formats fen back for a form', () => {
    expect(fenToYuanInput(300050)).toBe('3000.50');
    expect(fenToYuanInput(300000)).toBe('3000');
  });
});
