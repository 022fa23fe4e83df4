import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { serverSecret } from '~/lib/secrets.server';

export type BidContent = { priceFen: number; plan: string; team: string };

function tenderKey(tenderId: number) {
  return Buffer.from(hkdfSync('sha256', serverSecret('BID_SEALING_SECRET'), 'bid-sealing', `tender:${tenderId}`, 32));
}

/** AES-256-GCM under the tender's key; the bid id is bound as associated data so rows can't be swapped. */
export function sealBid(tenderId: number, organizationId: number, content: BidContent) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', tenderKey(tenderId), iv);
  cipher.setAAD(Buffer.from(`${tenderId}:${organizationId}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

export function unsealBid(tenderId: number, organizationId: number, sealed: string): BidContent {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', tenderKey(tenderId), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`${tenderId}:${organizationId}`));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  const json = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  return JSON.parse(json) as BidContent;
}

/**
 * The bidder's receipt: HMAC-SHA256 over the tender, the organization and the content, under a key
 * derived from the sealing secret. An unkeyed hash of the content gave the price away to anyone who
 * could guess the plan; this one can only be computed with the secret (docs/decisions/093).
 */
export function bidReceipt(tenderId: number, organizationId: number, content: BidContent) {
  const key = hkdfSync('sha256', serverSecret('BID_SEALING_SECRET'), 'bid-receipt', '', 32);
  const message = JSON.stringify([tenderId, organizationId, content.priceFen, content.plan, content.team]);
  return createHmac('sha256', Buffer.from(key)).update(message).digest('hex');
}
