import { describe, expect, it } from 'vitest';
import { networkHash } from './network-hash.server';
import { clientAddress, networkOf } from '~/lib/network.server';

function request(headers: Record<string, string>) {
  return new Request('http://test.example/c/1', { headers });
}

describe('the network address', () => {
  it('comes from X-Real-IP, else the last X-Forwarded-For entry (the one our proxy added)', () => {
    expect(clientAddress(request({ 'x-real-ip': '203.0.113.7', 'x-forwarded-for': '198.51.100.1' }))).toBe(
      '203.0.113.7',
    );
    expect(clientAddress(request({ 'x-forwarded-for': '10.9.9.9, 198.51.100.1' }))).toBe('198.51.100.1');
    expect(clientAddress(request({ 'x-forwarded-for': 'not-an-ip' }))).toBeNull();
    expect(clientAddress(request({}))).toBeNull();
  });

  it('treats an IPv6 /64 as one network and an IPv4-mapped address as IPv4', () => {
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(networkOf('192.0.2.1')).toBe('192.0.2.1');
  });

  it('is stored only as a salted hash that matches within one network', () => {
    const a = networkHash(request({ 'x-real-ip': '2001:db8:1:2::10' }));
    const b = networkHash(request({ 'x-real-ip': '2001:db8:1:2::20' }));
    const c = networkHash(request({ 'x-real-ip': '2001:db8:1:3::10' }));
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).not.toContain('2001');
    expect(networkHash(request({}))).toBeNull();
  });
});
