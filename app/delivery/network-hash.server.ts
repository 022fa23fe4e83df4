import { createHmac } from 'node:crypto';
import { deliveryKey } from './keys.server';
import { clientAddress, networkOf } from '~/lib/network.server';

/** Only a salted hash of the network is stored: enough to see that ratings share one, no more. */
export function networkHash(request: Request): string | null {
  const address = clientAddress(request);
  if (!address) return null;
  return createHmac('sha256', deliveryKey('network')).update(networkOf(address)).digest('hex').slice(0, 32);
}
