import type { Route } from './+types/payments.$paymentId.voucher';
import { requireViewer } from '~/accounts/auth.server';
import { fileExtensions, type FileType } from '~/lib/file-type';
import { parseId } from '~/lib/http';
import { uploadResponse } from '~/lib/uploads.server';
import { requireVoucher } from '~/payments/bank-transfers.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const voucher = requireVoucher(viewer, parseId(params.paymentId));
  const fileName = `voucher-${voucher.paymentId}.${fileExtensions[voucher.type as FileType] ?? 'bin'}`;
  return uploadResponse({ bytes: voucher.bytes, contentType: voucher.type, fileName });
}
