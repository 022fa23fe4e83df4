import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatDateTime, formatMoney } from '~/lib/format';
import { Empty, StateBadge } from '~/ui/page';
import { messageKey } from '~/lib/locale';

type TenderRow = {
  id: number;
  title: string;
  unionName: string;
  category: string;
  budgetFen: number;
  deadlineAt: Date | string;
  state: string;
};

/** Tenders with their links; `brief` leaves out the union, category and deadline columns. */
export function TenderTable({
  tenders,
  locale,
  brief = false,
}: {
  tenders: TenderRow[];
  locale: string;
  brief?: boolean;
}) {
  const { t } = useTranslation();
  if (!tenders.length) return <Empty>{t('procurement.tenders.none')}</Empty>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t('procurement.tenders.title')}</th>
          {brief ? null : <th>{t('procurement.tenders.union')}</th>}
          {brief ? null : <th>{t('procurement.tenders.category')}</th>}
          <th>{t('procurement.tenders.budget')}</th>
          {brief ? null : <th>{t('procurement.tenders.deadline')}</th>}
          <th>{t('common.state')}</th>
        </tr>
      </thead>
      <tbody>
        {tenders.map((tender) => (
          <tr key={tender.id}>
            <td data-label="" className="row-title">
              <Link to={`/tenders/${tender.id}`}>{tender.title}</Link>
            </td>
            {brief ? null : <td data-label={t('procurement.tenders.union')}>{tender.unionName}</td>}
            {brief ? null : (
              <td data-label={t('procurement.tenders.category')}>
                {t(messageKey('catalog.categories', tender.category))}
              </td>
            )}
            <td data-label={t('procurement.tenders.budget')}>{formatMoney(tender.budgetFen, locale)}</td>
            {brief ? null : (
              <td data-label={t('procurement.tenders.deadline')}>{formatDateTime(tender.deadlineAt, locale)}</td>
            )}
            <td data-label={t('common.state')}>
              <StateBadge states="procurement.states.tender" state={tender.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
