import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { Form, redirect } from 'react-router';
import type { Route } from './+types/tenders.new';
import { forbidden, requireViewer } from '~/accounts/auth.server';
import { categories } from '~/catalog/taxonomy';
import { attempt } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { getT } from '~/lib/i18n.server';
import { tenderSchema } from '~/procurement/schemas';
import { createTender } from '~/procurement/tenders.server';
import { listUnions } from '~/unions/unions.server';
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const mine = new Set(viewer.roles.filter((r) => r.role === 'commissioner').map((r) => r.unionId));
  if (!mine.size) forbidden();
  const t = await getT(request);
  return {
    title: t('tenders.new'),
    unions: listUnions()
      .filter((u) => mine.has(u.id))
      .map((u) => ({ id: u.id, name: u.name })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: tenderSchema(now()) });
  if (submission.status !== 'success') return submission.reply();
  const result = await attempt(() => createTender(viewer, submission.value));
  if (!result.ok) return submission.reply({ formErrors: [result.error.messageKey] });
  return redirect(`/tenders/${result.value}`);
}

export default function NewTender({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: tenderSchema(new Date()) }),
    shouldValidate: 'onBlur',
    defaultValue: { unionId: String(loaderData.unions[0]?.id ?? ''), objectionDays: '5', minWorkerVisits: '0' },
  });
  return (
    <div className="narrow">
      <PageHeader title={t('tenders.new')} />
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <SelectField
          meta={fields.unionId}
          label={t('tenders.union')}
          options={loaderData.unions.map((u) => ({ value: u.id, label: u.name }))}
        />
        <Field meta={fields.title} label={t('tenders.title')} />
        <SelectField
          meta={fields.category}
          label={t('tenders.category')}
          placeholder={t('common.choose')}
          options={categories.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        />
        <TextareaField meta={fields.scope} label={t('tenders.scope')} />
        <Field meta={fields.budget} label={t('tenders.budgetYuan')} inputMode="decimal" />
        <Field meta={fields.sessions} label={t('tenders.sessions')} type="number" min={1} />
        <Field meta={fields.minWorkerVisits} label={t('tenders.minWorkerVisits')} type="number" min={0} />
        <Field
          meta={fields.deadline}
          label={t('tenders.deadline')}
          type="datetime-local"
          hint={t('common.beijingTime')}
        />
        <Field meta={fields.objectionDays} label={t('tenders.objectionDays')} type="number" min={0} max={30} />
        <div className="actions">
          <SubmitButton name="intent" value="publish">
            {t('tenders.publish')}
          </SubmitButton>
          <SubmitButton name="intent" value="draft" className="button secondary">
            {t('tenders.saveDraft')}
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}
