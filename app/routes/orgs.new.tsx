import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, redirect } from 'react-router';
import type { Route } from './+types/orgs.new';
import { requireViewer } from '~/accounts/auth.server';
import { shanghaiDate } from '~/lib/time';
import { attempt } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { getT } from '~/lib/i18n.server';
import { OrganizationForm } from '~/organizations/components/organization-form';
import { registerOrganization } from '~/organizations/organizations.server';
import { organizationSchema } from '~/organizations/schemas';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const t = await getT(request);
  return { title: t('organizations.profile.registerTitle'), today: shanghaiDate(now()), email: viewer.email };
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: organizationSchema(shanghaiDate(now())) });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = await attempt(() => registerOrganization(viewer, submission.value));
  if (!result.ok) {
    return data(submission.reply({ fieldErrors: { creditCode: [result.error.messageKey] } }), {
      status: result.error.status,
    });
  }
  return redirect(`/orgs/${result.value}/edit?registered`);
}

export default function RegisterOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('organizations.profile.registerTitle')} />
      <p className="hint">{t('organizations.profile.registerLead')}</p>
      <OrganizationForm
        lastResult={actionData}
        today={loaderData.today}
        defaultValue={{ contactEmail: loaderData.email, volunteers: '0' }}
        submitLabel={t('organizations.profile.register')}
      />
    </div>
  );
}
