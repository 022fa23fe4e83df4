import { describe, expect, it } from 'vitest';
import { csvValue, tableCsv, toCsv } from './csv';

describe('CSV', () => {
  it('starts with a byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv(['服务组织', '服务人次'], [['象山县心理咨询师协会', '322']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('服务组织,服务人次\r\n象山县心理咨询师协会,322\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv(['a'], [['x,y'], ['say "hi"'], ['two\nlines']]).slice(1)).toBe(
      'a\r\n"x,y"\r\n"say ""hi"""\r\n"two\nlines"\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvValue('=HYPERLINK("http://evil")', 'text')).toBe('\'=HYPERLINK("http://evil")');
    expect(csvValue('@SUM(A1)', 'text')).toBe("'@SUM(A1)");
    expect(csvValue(-1200, 'money')).toBe('-12.00');
  });

  it('writes rates as percentages and money in yuan, and nothing for no value', () => {
    expect(csvValue(0.91234, 'percent')).toBe('91.2');
    expect(csvValue(15_360_000, 'money')).toBe('153600.00');
    expect(csvValue(null, 'percent')).toBe('');
    expect(csvValue(42, 'count')).toBe('42');
  });

  it('renders a table through its columns', () => {
    const csv = tableCsv(
      [
        { key: 'label', label: 'reports.union', kind: 'text' },
        { key: 'paidFen', label: 'reports.paid', kind: 'money' },
      ],
      [{ label: '丹东街道总工会', paidFen: 144_000, ignored: 1 }],
      (c) => c.label.toUpperCase(),
    );
    expect(csv.slice(1)).toBe('REPORTS.UNION,REPORTS.PAID\r\n丹东街道总工会,1440.00\r\n');
  });
});
