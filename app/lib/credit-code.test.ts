import { describe, it, expect } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code';
import { organizations } from '../../db/demo-data';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const REAL_CODES = [
  '91350100M000100Y43', // the example printed in many GB 32100 explainers
  '914403001922038216', // 华为技术有限公司
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
  '91330100716105852F', // 阿里巴巴（中国）有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91110000802100433B', // 百度在线网络技术（北京）有限公司
];

describe('isValidCreditCode', () => {
  it.each(REAL_CODES)('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('rejects wrong length, lowercase and characters outside the charset', () => {
    expect(isValidCreditCode('')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
    expect(isValidCreditCode(' 91350100M000100Y43')).toBe(false);
    for (const bad of 'IOZSV-') {
      expect(isValidCreditCode(`91350100M000100${bad}43`)).toBe(false);
    }
    expect(creditCodeCheckChar('91350100M000100Y')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100O4')).toBeNull();
  });

  it('rejects every single-character corruption of a valid code', () => {
    for (const code of REAL_CODES) {
      for (let i = 0; i < code.length; i++) {
        for (const c of CHARSET) {
          if (c === code[i]) continue;
          const corrupted = code.slice(0, i) + c + code.slice(i + 1);
          expect(isValidCreditCode(corrupted), corrupted).toBe(false);
        }
      }
    }
  });

  it('accepts the credit codes of the registered demo organizations', () => {
    for (const org of organizations) {
      if (org.type === 'grassroots') expect(org.creditCode).toBeNull();
      else expect(isValidCreditCode(org.creditCode ?? ''), org.key).toBe(true);
    }
  });
});
