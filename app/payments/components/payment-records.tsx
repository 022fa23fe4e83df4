import { useTranslation } from '~/lib/translation';
import type { requireMilestoneFor } from '../milestones.server';
import { PaidOn } from './money';
import { formatDateTime, formatMoney } from '~/lib/format';
import { Section } from '~/ui/page';
import { messageKey } from '~/lib/locale';

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
        <table>
          <thead>
            <tr>
              <th>{t('payments.method')}</th>
              <th>{t('payments.amount')}</th>
              <th>{t('payments.reference')}</th>
              <th>{t('payments.paidOn')}</th>
              <th>{t('payments.receipt')}</th>
              <th>{t('payments.voucher')}</th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <tr key={p.id}>
                <td>{t(messageKey('payments.methods', p.method))}</td>
                <td>{formatMoney(p.amountFen, locale)}</td>
                <td>{p.reference ?? '—'}</td>
                <td>
                  <PaymentStatus payment={p} locale={locale} />
                </td>
                <td>{p.confirmedAt ? formatDateTime(p.confirmedAt, locale) : '—'}</td>
                <td>
                  {p.hasVoucher ? (
                    <a href={`/payments/${p.id}/voucher`} target="_blank" rel="noreferrer">
                      {t('payments.viewVoucher')}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t('payments.noRecords')}</p>
      )}
    </Section>
  );
}
