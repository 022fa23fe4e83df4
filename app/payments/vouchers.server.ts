import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { detectFileType, fileExtensions } from '~/lib/file-type';

export const voucherMaxBytes = 5 * 1024 * 1024;

const voucherTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;

/** Vouchers live beside the database, outside anything served statically. */
function voucherDirectory() {
  return join(dirname(databasePath()), 'vouchers');
}

/** Checks and writes an uploaded voucher; returns its stored name and type. */
export async function storeVoucher(file: File) {
  if (file.size === 0) throw new UserError('payments.errors.voucherRequired');
  if (file.size > voucherMaxBytes) throw new UserError('payments.errors.voucherTooLarge', 413);
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = detectFileType(bytes, voucherTypes);
  if (!type) throw new UserError('payments.errors.voucherType', 415);
  const name = `${randomBytes(16).toString('hex')}.${fileExtensions[type]}`;
  mkdirSync(voucherDirectory(), { recursive: true, mode: 0o700 });
  writeFileSync(join(voucherDirectory(), name), bytes, { mode: 0o600, flag: 'wx' });
  return { file: name, type };
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
