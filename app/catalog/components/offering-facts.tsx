import { useTranslation } from '~/lib/translation';
import { formatMoney } from '~/lib/format';
import { Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export type OfferingFactsData = {
  category: string;
  format: string;
  durationMinutes: number;
  capacity: number;
  priceFen: number;
  areas: string[];
};

/** What a buyer compares: category, format, duration, capacity, price and areas. */
export function OfferingFacts({ offering, locale }: { offering: OfferingFactsData; locale: string }) {
  const { t } = useTranslation();
  return (
    <Stats>
      <Stat
        label={t('catalog.offering.price')}
        value={formatMoney(offering.priceFen, locale)}
        testId="offering-price"
      />
      <Stat label={t('catalog.offering.category')} value={t(messageKey('catalog.categories', offering.category))} />
      <Stat label={t('catalog.offering.format')} value={t(messageKey('catalog.formats', offering.format))} />
      <Stat
        label={t('catalog.offering.duration')}
        value={t('catalog.offering.minutes', { count: offering.durationMinutes })}
      />
      <Stat label={t('catalog.offering.capacity')} value={t('catalog.offering.people', { count: offering.capacity })} />
      <Stat label={t('catalog.offering.areas')} value={offering.areas.join(t('punctuation.separator'))} />
    </Stats>
  );
}
