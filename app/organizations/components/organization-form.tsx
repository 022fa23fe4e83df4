import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { OrganizationInput } from '../schemas';
import { organizationTypes } from '../types';
import { categories } from '~/catalog/taxonomy';
import { ChoiceField, Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form';

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
      <FormErrors errors={form.errors} />
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
