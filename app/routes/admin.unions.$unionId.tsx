import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/admin.unions.$unionId';
import { requirePlatformAdmin, requireViewer } from '~/accounts/auth.server';
import { unionRoles } from '~/accounts/roles';
import { InvitationNotice } from '~/invitations/components/invitation-list';
import { invitationLifetimeDays, inviteToUnion, listInvitations } from '~/invitations/invitations.server';
import { attempt } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { departmentSchema, inviteSchema } from '~/unions/schemas';
import { createDepartment, requireUnion, unionDepartments, unionStaff } from '~/unions/unions.server';
import { ErrorSummary, Field, SelectField, SubmitButton } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import type { z } from 'zod';

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  requirePlatformAdmin(viewer);
  const union = requireUnion(parseId(params.unionId));
  return {
    union,
    departments: unionDepartments(union.id),
    staff: unionStaff(union.id),
    pendingInvitations: listInvitations(viewer, { unionId: union.id }).length,
    days: invitationLifetimeDays(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const formData = await request.formData();
  if (formData.get('intent') === 'department') {
    const submission = parseWithZod(formData, { schema: departmentSchema });
    if (submission.status !== 'success') return { department: submission.reply() };
    createDepartment(viewer, unionId, submission.value.name);
    return redirect(`/admin/unions/${unionId}`);
  }
  const submission = parseWithZod(formData, { schema: inviteSchema });
  if (submission.status !== 'success') return { invite: submission.reply() };
  const result = await attempt(() => inviteToUnion(viewer, unionId, submission.value));
  if (!result.ok)
    return data(
      { invite: submission.reply({ formErrors: [result.error.messageKey] }) },
      { status: result.error.status },
    );
  return redirect(`/admin/unions/${unionId}?invited`);
}

export default function AdminUnion({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [departmentForm, departmentFields] = useForm<z.input<typeof departmentSchema>>({
    id: 'department',
    lastResult: actionData && 'department' in actionData ? actionData.department : undefined,
  });
  const [inviteForm, inviteFields] = useForm<z.input<typeof inviteSchema>>({
    id: 'invite',
    lastResult: actionData && 'invite' in actionData ? actionData.invite : undefined,
  });
  return (
    <>
      <PageHeader title={loaderData.union.name} />
      <InvitationNotice days={loaderData.days} />
      <Section title={t('unions.admin.departments')}>
        <ul>
          {loaderData.departments.map((d) => (
            <li key={d.id}>{d.name}</li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(departmentForm)} className="narrow">
          <ErrorSummary form={departmentForm} labels={{ name: t('unions.admin.departmentName') }} />
          <input type="hidden" name="intent" value="department" />
          <Field meta={departmentFields.name} label={t('unions.admin.departmentName')} />
          <SubmitButton>{t('unions.admin.addDepartment')}</SubmitButton>
        </Form>
      </Section>
      <Section title={t('unions.admin.staff')}>
        <ul>
          {loaderData.staff.map((m) => (
            <li key={m.id}>
              {t('punctuation.parenthesized', { text: m.name, note: m.email })}
              {t('punctuation.colon')}
              {t(messageKey('unions.roles', m.role))}
              {m.departmentName ? ` · ${m.departmentName}` : ''}
            </li>
          ))}
        </ul>
        <p>
          <Link to={`/unions/${loaderData.union.id}/invitations`}>
            {t('invitations.pendingLink', { count: loaderData.pendingInvitations })}
          </Link>
        </p>
        <Form method="post" {...getFormProps(inviteForm)} className="narrow">
          <ErrorSummary
            form={inviteForm}
            labels={{
              email: t('accounts.email'),
              role: t('unions.admin.role'),
              departmentId: t('unions.admin.department'),
            }}
          />
          <input type="hidden" name="intent" value="invite" />
          <Field meta={inviteFields.email} label={t('accounts.email')} type="email" />
          <SelectField
            meta={inviteFields.role}
            label={t('unions.admin.role')}
            placeholder={t('common.choose')}
            options={unionRoles.map((r) => ({ value: r, label: t(`unions.roles.${r}`) }))}
          />
          <SelectField
            meta={inviteFields.departmentId}
            label={t('unions.admin.department')}
            placeholder={t('unions.admin.noDepartment')}
            options={loaderData.departments.map((d) => ({ value: d.id, label: d.name }))}
          />
          <SubmitButton>{t('unions.admin.invite')}</SubmitButton>
        </Form>
      </Section>
    </>
  );
}
