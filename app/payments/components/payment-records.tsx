import { useTranslation } from '~/lib/translation';
import type { requireMilestoneFor } from '../milestones.server';
import { PaidOn } from './money';
import { formatDateTime, formatMoney } from '~/lib/format';
import { Section } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

type PaymentRow = ReturnType<typeof requireMilestoneFor>['payments'][number];

/** Where a payment stands, in words: paid on, still open, expired, cancelled and why, or to be refunded. */
function PaymentStatus({ payment, locale }: { payment: PaymentRow; locale: string }) {
  const { t } = useTranslation();
  switch (payment.state) {
    case 'paid':
      return payment.paidOn ? (
        <PaidOn date={payment.paidOn} locale={locale} />
      ) : (
        <>{t('payments.states.payment.paid')}</>
      );
    case 'cancelled':
      return (
        <>
          {t('payments.cancelledBecause', { reason: t(`payments.reasons.${payment.reason ?? 'byFinance'}`) })}
          {payment.note ? `${t('punctuation.colon')}${payment.note}` : null}
          {payment.stripeCancelled === false ? <span className="hint"> {t('payments.cancelledHereOnly')}</span> : null}
        </>
      );
    case 'attention':
      return (
        <strong>
          {t('payments.needsAttention', { reason: t(`payments.reasons.${payment.reason ?? 'alreadyPaid'}`) })}
          {payment.chargedAmountFen !== null && payment.chargedCurrency
            ? ` ${t('payments.charged', {
                amount: (payment.chargedAmountFen / 100).toFixed(2),
                currency: payment.chargedCurrency.toUpperCase(),
              })}`
            : null}
        </strong>
      );
    default:
      return <>{t(`payments.states.payment.${payment.state}`)}</>;
  }
}

/** Every payment recorded or attempted for a milestone, with its voucher where the reader may see it. */
export function PaymentRecords({ payments, locale }: { payments: PaymentRow[]; locale: string }) {
  const { t } = useTranslation();
  return (
    <Section title={t('payments.records')}>
      {payments.length ? (
        <DataTable
          rows={payments}
          rowKey={(p) => p.id}
          columns={[
            { label: t('payments.method'), title: true, cell: (p) => t(messageKey('payments.methods', p.method)) },
            { label: t('payments.amount'), cell: (p) => formatMoney(p.amountFen, locale) },
            { label: t('payments.reference'), cell: (p) => p.reference ?? '—' },
            { label: t('payments.paidOn'), cell: (p) => <PaymentStatus payment={p} locale={locale} /> },
            {
              label: t('payments.receipt'),
              cell: (p) => (p.confirmedAt ? formatDateTime(p.confirmedAt, locale) : '—'),
            },
            {
              label: t('payments.voucher'),
              cell: (p) =>
                p.hasVoucher ? (
                  <a href={`/payments/${p.id}/voucher`} target="_blank" rel="noreferrer">
                    {t('payments.viewVoucher')}
                  </a>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      ) : (
        <p className="empty">{t('payments.noRecords')}</p>
      )}
    </Section>
  );
}
