import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatDateTime, formatMoney } from '~/lib/format';
import { Empty, StateBadge } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

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
    <DataTable
      rows={tenders}
      rowKey={(tender) => tender.id}
      columns={[
        {
          label: t('procurement.tenders.title'),
          title: true,
          cell: (tender) => <Link to={`/tenders/${tender.id}`}>{tender.title}</Link>,
        },
        !brief && { label: t('procurement.tenders.union'), cell: (tender) => tender.unionName },
        !brief && {
          label: t('procurement.tenders.category'),
          cell: (tender) => t(messageKey('catalog.categories', tender.category)),
        },
        { label: t('procurement.tenders.budget'), cell: (tender) => formatMoney(tender.budgetFen, locale) },
        !brief && {
          label: t('procurement.tenders.deadline'),
          cell: (tender) => formatDateTime(tender.deadlineAt, locale),
        },
        {
          label: t('common.state'),
          cell: (tender) => <StateBadge states="procurement.states.tender" state={tender.state} />,
        },
      ]}
    />
  );
}
