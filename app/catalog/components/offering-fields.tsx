import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { categories, offeringFormats } from '../taxonomy';
import { Field, SelectField, TextareaField } from '~/ui/form';

type Fields = Record<
  'title' | 'category' | 'description' | 'format' | 'durationMinutes' | 'capacity' | 'price' | 'areas',
  FieldMetadata<unknown>
>;

/** The offering form's fields, shared by the new and edit pages. */
export function OfferingFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  return (
    <>
      <Field meta={fields.title} label={t('catalog.offering.title')} />
      <SelectField
        meta={fields.category}
        label={t('catalog.offering.category')}
        placeholder={t('common.choose')}
        options={categories.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
      />
      <TextareaField meta={fields.description} label={t('catalog.offering.description')} />
      <SelectField
        meta={fields.format}
        label={t('catalog.offering.format')}
        placeholder={t('common.choose')}
        options={offeringFormats.map((f) => ({ value: f, label: t(`catalog.formats.${f}`) }))}
      />
      <Field meta={fields.durationMinutes} label={t('catalog.offering.durationMinutes')} type="number" min={1} />
      <Field meta={fields.capacity} label={t('catalog.offering.capacity')} type="number" min={1} />
      <Field meta={fields.price} label={t('catalog.offering.priceYuan')} inputMode="decimal" />
      <Field meta={fields.areas} label={t('catalog.offering.areas')} hint={t('catalog.offering.areasHint')} />
    </>
  );
}
