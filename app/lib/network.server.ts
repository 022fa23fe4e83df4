import { isIP } from 'node:net';

/**
 * A client's network address as our reverse proxy reports it: `X-Real-IP`, else the last
 * `X-Forwarded-For` entry (the one the nearest proxy appended). React Router's request carries no
 * socket address, so without a proxy there is none and no network signal (docs/decisions/020).
 */
export function clientAddress(request: Request): string | null {
  const real = request.headers.get('x-real-ip')?.trim();
  if (real) return isIP(real) ? real : null;
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return last && isIP(last) ? last : null;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const width = (parts: string[]) => parts.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - width(left) - width(right)).fill('0');
  return [...left, ...zeros, ...right];
}

/**
 * What counts as "one network": an IPv4 address, or an IPv6 /64 (one household or one phone's
 * prefix — the rest of an IPv6 address changes at will).
 */
export function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  return (
    expandIpv6(address)
      .slice(0, 4)
      .map((g) => parseInt(g, 16).toString(16))
      .join(':') + '::/64'
  );
}
