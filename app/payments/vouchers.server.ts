import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from '~/lib/db.server';
import { UserError } from '~/lib/errors';

export const voucherMaxBytes = 5 * 1024 * 1024;

const kinds = [
  {
    type: 'application/pdf',
    extension: 'pdf',
    matches: (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
  {
    type: 'image/png',
    extension: 'png',
    matches: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/jpeg',
    extension: 'jpg',
    matches: (b: Buffer) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  },
  {
    type: 'image/webp',
    extension: 'webp',
    matches: (b: Buffer) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
] as const;

/** The file's type from its first bytes, never from its name or the browser's claim. */
export function sniffVoucher(bytes: Buffer) {
  return kinds.find((k) => k.matches(bytes)) ?? null;
}

/** Vouchers live beside the database, outside anything served statically. */
function voucherDirectory() {
  return join(dirname(databasePath()), 'vouchers');
}

/** Checks and writes an uploaded voucher; returns its stored name and type. */
export async function storeVoucher(file: File) {
  if (file.size === 0) throw new UserError('payments.errors.voucherRequired');
  if (file.size > voucherMaxBytes) throw new UserError('payments.errors.voucherTooLarge', 413);
  const bytes = Buffer.from(await file.arrayBuffer());
  const kind = sniffVoucher(bytes);
  if (!kind) throw new UserError('payments.errors.voucherType', 415);
  const name = `${randomBytes(16).toString('hex')}.${kind.extension}`;
  mkdirSync(voucherDirectory(), { recursive: true, mode: 0o700 });
  writeFileSync(join(voucherDirectory(), name), bytes, { mode: 0o600, flag: 'wx' });
  return { file: name, type: kind.type };
}

/** Removes a voucher whose payment was not recorded. */
export function discardVoucher(name: string) {
  rmSync(join(voucherDirectory(), name), { force: true });
}

export function readVoucher(name: string) {
  // Stored names are ours (hex + extension); refuse anything else rather than join a path.
  if (!/^[0-9a-f]{32}\.(pdf|png|jpg|webp)$/.test(name)) throw new Error('Invalid voucher name');
  return readFileSync(join(voucherDirectory(), name));
}
