import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { OrganizationInput } from '../schemas';
import { organizationTypes } from '../types';
import { categories } from '~/catalog/taxonomy';
import { ChoiceField, ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from '~/ui/form';

/** The organization profile form, for registration and for the owners' edits. */
export function OrganizationForm({
  lastResult,
  defaultValue,
  today,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: DefaultValue<OrganizationInput>;
  today: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<OrganizationInput>({
    id: 'organization',
    lastResult,
    defaultValue,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary
        form={form}
        labels={{
          name: t('organizations.profile.name'),
          type: t('organizations.type'),
          creditCode: t('organizations.creditCode'),
          fields: t('organizations.profile.fields'),
          description: t('organizations.profile.description'),
          contactName: t('organizations.profile.contactName'),
          contactPhone: t('organizations.profile.contactPhone'),
          contactEmail: t('organizations.profile.contactEmail'),
          teamSize: t('organizations.teamSize'),
          volunteers: t('organizations.volunteers'),
          foundedOn: t('organizations.profile.foundedOn'),
        }}
      />
      <Field meta={fields.name} label={t('organizations.profile.name')} />
      <SelectField
        meta={fields.type}
        label={t('organizations.type')}
        placeholder={t('common.choose')}
        options={organizationTypes.map((type) => ({ value: type, label: t(`organizations.types.${type}`) }))}
      />
      <Field
        meta={fields.creditCode}
        label={t('organizations.creditCode')}
        hint={t('organizations.profile.creditCodeHint')}
        autoCapitalize="characters"
        spellCheck={false}
      />
      <ChoiceField
        meta={fields.fields}
        label={t('organizations.profile.fields')}
        type="checkbox"
        options={categories.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
      />
      <TextareaField meta={fields.description} label={t('organizations.profile.description')} rows={4} />
      <Field meta={fields.contactName} label={t('organizations.profile.contactName')} autoComplete="name" />
      <Field meta={fields.contactPhone} label={t('organizations.profile.contactPhone')} type="tel" autoComplete="tel" />
      <Field meta={fields.contactEmail} label={t('organizations.profile.contactEmail')} type="email" />
      <Field meta={fields.teamSize} label={t('organizations.teamSize')} type="number" min={1} />
      <Field meta={fields.volunteers} label={t('organizations.volunteers')} type="number" min={0} />
      <Field meta={fields.foundedOn} label={t('organizations.profile.foundedOn')} type="date" max={today} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
