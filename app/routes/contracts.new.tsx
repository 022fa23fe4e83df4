import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/contracts.new';
import { requireViewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { formatMoney } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { createDirectContract, directCommissionChoices } from '~/procurement/contracts.server';
import { directContractSchema } from '~/procurement/schemas';
import { Field, FormErrors, SelectField, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const t = await getT(request);
  const offering = new URL(request.url).searchParams.get('offering');
  return {
    title: t('procurement.direct.title'),
    locale: await getLocale(request),
    ...directCommissionChoices(viewer),
    offering: offering ?? undefined,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: directContractSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = await attempt(() => createDirectContract(viewer, submission.value));
  if (!result.ok)
    return data(submission.reply({ formErrors: [result.error.messageKey] }), { status: result.error.status });
  return redirect(`/contracts/${result.value}`);
}

export default function DirectCommission({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: directContractSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { unionId: String(loaderData.unions[0]?.id ?? ''), offeringId: loaderData.offering, sessions: '1' },
  });
  return (
    <div className="narrow">
      <PageHeader title={t('procurement.direct.title')} />
      <p>
        {t('procurement.direct.explanation', {
          limit: loaderData.unions.map((u) => `${u.name} ${formatMoney(u.limitFen, locale)}`).join('、'),
        })}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <SelectField
          meta={fields.unionId}
          label={t('tenders.union')}
          options={loaderData.unions.map((u) => ({ value: u.id, label: u.name }))}
        />
        <SelectField
          meta={fields.offeringId}
          label={t('procurement.direct.offering')}
          placeholder={t('common.choose')}
          options={loaderData.offerings.map((o) => ({
            value: o.id,
            label: `${o.organizationName} · ${o.title} · ${t('procurement.direct.perSession', { price: formatMoney(o.priceFen, locale) })}`,
          }))}
        />
        <Field meta={fields.sessions} label={t('contracts.sessions')} type="number" min={1} />
        <div className="field-row">
          <Field meta={fields.periodStart} label={t('procurement.form.periodStart')} type="date" />
          <Field meta={fields.periodEnd} label={t('procurement.form.periodEnd')} type="date" />
        </div>
        <SubmitButton>{t('procurement.direct.submit')}</SubmitButton>
      </Form>
    </div>
  );
}
