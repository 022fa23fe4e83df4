import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { Form, redirect } from 'react-router';
import type { Route } from './+types/orgs.$orgId.offerings.new';
import { requireOrgMember, requireViewer } from '~/accounts/auth.server';
import { OfferingFields } from '~/catalog/components/offering-fields';
import { createOffering } from '~/catalog/offerings.server';
import { offeringSchema } from '~/catalog/schemas';
import { parseId } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { requireOrganization } from '~/organizations/organizations.server';
import { ErrorSummary, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const organization = requireOrganization(parseId(params.orgId));
  requireOrgMember(viewer, organization.id);
  const t = await getT(request);
  return { title: t('catalog.manage.newTitle'), organizationName: organization.name };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const organizationId = parseId(params.orgId);
  const submission = parseWithZod(await request.formData(), { schema: offeringSchema });
  if (submission.status !== 'success') return submission.reply();
  const offeringId = createOffering(viewer, organizationId, submission.value);
  return redirect(`/offerings/${offeringId}/edit`);
}

export default function NewOffering({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof offeringSchema>>({
    lastResult: actionData,
  });
  return (
    <div className="narrow">
      <PageHeader title={t('catalog.manage.newTitle')} />
      <p>{loaderData.organizationName}</p>
      <p className="hint">{t('catalog.manage.draftHint')}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} />
        <OfferingFields fields={fields} />
        <SubmitButton>{t('catalog.manage.saveDraft')}</SubmitButton>
      </Form>
    </div>
  );
}
