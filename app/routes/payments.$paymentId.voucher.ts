import type { Route } from './+types/payments.$paymentId.voucher';
import { requireViewer } from '~/accounts/auth.server';
import { parseId } from '~/lib/http';
import { getVoucher } from '~/payments/bank-transfers.server';

const extensions: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const voucher = getVoucher(viewer, parseId(params.paymentId));
  return new Response(new Uint8Array(voucher.bytes), {
    headers: {
      'Content-Type': voucher.type,
      'Content-Disposition': `inline; filename="voucher-${voucher.paymentId}.${extensions[voucher.type] ?? 'bin'}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
