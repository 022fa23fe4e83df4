import { createHmac } from 'node:crypto';
import { serverSecret } from '~/lib/secrets.server';

const cache = new Map<string, Buffer>();

/**
 * A key for one of delivery's MACs, derived from CHECKIN_SECRET with a label per use, so a value
 * made for one purpose (a network hash, a calendar feed token) never verifies as another.
 */
export function deliveryKey(purpose: 'network' | 'calendar-feed' | 'phone' | 'phone-code' | 'worker-credential') {
  let key = cache.get(purpose);
  if (!key) {
    key = createHmac('sha256', serverSecret('CHECKIN_SECRET')).update(`delivery:${purpose}`).digest();
    cache.set(purpose, key);
  }
  return key;
}
