import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatMoney } from '~/lib/format';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';

type Item = { id: number; title: string; category: string; format: string; priceFen: number };

/** An organization's published offerings, as listed on its public profile. */
export function OfferingList({ offerings, locale }: { offerings: Item[]; locale: string }) {
  const { t } = useTranslation();
  if (!offerings.length) return <Empty>{t('catalog.profile.noOfferings')}</Empty>;
  return (
    <ul data-testid="profile-offerings">
      {offerings.map((o) => (
        <li key={o.id}>
          <Link to={`/catalog/${o.id}`}>{o.title}</Link> · {t(messageKey('catalog.categories', o.category))} ·{' '}
          {t(messageKey('catalog.formats', o.format))} · {formatMoney(o.priceFen, locale)}
        </li>
      ))}
    </ul>
  );
}
