import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/admin.unions';
import { requirePlatformAdmin, requireViewer } from '~/accounts/auth.server';
import { unionLevels } from '~/accounts/roles';
import { createUnion, listUnions } from '~/unions/unions.server';
import { unionSchema } from '~/unions/schemas';
import { ErrorSummary, Field, SelectField, SubmitButton } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';
import type { z } from 'zod';

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  requirePlatformAdmin(viewer);
  return { unions: listUnions() };
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: unionSchema });
  if (submission.status !== 'success') return submission.reply();
  const unionId = createUnion(viewer, submission.value);
  return redirect(`/admin/unions/${unionId}`);
}

export default function AdminUnions({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof unionSchema>>({
    lastResult: actionData,
  });
  const names = new Map(loaderData.unions.map((u) => [u.id, u.name]));
  return (
    <>
      <PageHeader title={t('unions.admin.unions')} />
      <DataTable
        rows={loaderData.unions}
        rowKey={(u) => u.id}
        columns={[
          {
            label: t('unions.admin.unionName'),
            title: true,
            cell: (u) => <Link to={`/admin/unions/${u.id}`}>{u.name}</Link>,
          },
          { label: t('unions.admin.level'), cell: (u) => t(messageKey('unions.levels', u.level)) },
          { label: t('unions.admin.parent'), cell: (u) => (u.parentId ? names.get(u.parentId) : '—') },
        ]}
      />
      <Section title={t('unions.admin.createUnion')}>
        <Form method="post" {...getFormProps(form)} className="narrow">
          <ErrorSummary
            form={form}
            labels={{
              name: t('unions.admin.unionName'),
              level: t('unions.admin.level'),
              parentId: t('unions.admin.parent'),
            }}
          />
          <Field meta={fields.name} label={t('unions.admin.unionName')} />
          <SelectField
            meta={fields.level}
            label={t('unions.admin.level')}
            placeholder={t('common.choose')}
            options={unionLevels.map((l) => ({ value: l, label: t(`unions.levels.${l}`) }))}
          />
          <SelectField
            meta={fields.parentId}
            label={t('unions.admin.parent')}
            placeholder={t('unions.admin.noParent')}
            options={loaderData.unions.map((u) => ({ value: u.id, label: u.name }))}
          />
          <SubmitButton>{t('unions.admin.createUnion')}</SubmitButton>
        </Form>
      </Section>
    </>
  );
}
