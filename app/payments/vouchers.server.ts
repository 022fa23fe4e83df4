import { UserError } from '~/lib/errors';
import {
  checkUpload,
  discardUpload,
  readLimitedForm,
  readUpload,
  uploadedFile,
  writeUpload,
  type UploadPlace,
} from '~/lib/uploads.server';
import { bankTransferSchema } from './schemas';

export const voucherMaxBytes = 5 * 1024 * 1024;

const voucherPlace: UploadPlace = {
  directory: 'vouchers',
  maxBytes: voucherMaxBytes,
  types: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'],
  tooLarge: 'payments.errors.voucherTooLarge',
  wrongType: 'payments.errors.voucherType',
};

/** The bank transfer's form: a voucher too large or of another type is its field's problem (decision 110). */
export const bankTransferFormSchema = (today: string) =>
  bankTransferSchema(today).extend({ voucher: uploadedFile(voucherPlace, 'payments.errors.voucherRequired') });

/** Reads a milestone's form; anything near the voucher limit is read and checked, more is refused. */
export function readVoucherForm(request: Request) {
  return readLimitedForm(request, voucherMaxBytes * 2, voucherPlace.tooLarge);
}

/** Checks and writes an uploaded voucher; returns its stored name and type. */
export async function storeVoucher(file: File) {
  if (file.size === 0) throw new UserError('payments.errors.voucherRequired');
  const upload = await checkUpload(voucherPlace, file);
  return { file: writeUpload(voucherPlace, upload), type: upload.contentType };
}

/** Removes a voucher whose payment was not recorded. */
export function discardVoucher(name: string) {
  discardUpload(voucherPlace, name);
}

export function readVoucher(name: string) {
  return readUpload(voucherPlace, name);
}
