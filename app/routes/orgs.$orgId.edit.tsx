import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Link, redirect, useSearchParams } from 'react-router';
import type { Route } from './+types/orgs.$orgId.edit';
import { requireOrgMember, requireViewer } from '~/accounts/auth.server';
import { shanghaiDate } from '~/lib/time';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { OrganizationForm } from '~/organizations/components/organization-form';
import { OrganizationMembers } from '~/organizations/components/organization-members';
import { InvitationNotice } from '~/invitations/components/invitation-list';
import {
  invitationLifetimeDays,
  inviteToOrganization,
  listInvitations,
  manageInvitation,
} from '~/invitations/invitations.server';
import { manageInvitationSchema, noticeAfter } from '~/invitations/schemas';
import { requireOrganization, organizationMembersOf, updateOrganization } from '~/organizations/organizations.server';
import { inviteMemberSchema, organizationSchema } from '~/organizations/schemas';
import { ActionMessage } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const organization = requireOrganization(parseId(params.orgId));
  requireOrgMember(viewer, organization.id, ['owner']);
  const t = await getT(request);
  return {
    title: t('organizations.profile.editTitle', { name: organization.name }),
    today: shanghaiDate(now()),
    locale: await getLocale(request),
    organization,
    members: organizationMembersOf(viewer, organization.id),
    invitations: listInvitations(viewer, { organizationId: organization.id }),
    days: invitationLifetimeDays(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const organizationId = parseId(params.orgId);
  requireOrgMember(viewer, organizationId, ['owner']);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'invite') {
    const result = await submitForm(
      formData,
      inviteMemberSchema,
      ({ email }) => inviteToOrganization(viewer, organizationId, email),
      { form: 'invite' },
    );
    return result.ok ? redirect(`/orgs/${organizationId}/edit?invited#members`) : result.reply;
  }
  if (intent === 'resend' || intent === 'withdraw') {
    const submission = parseWithZod(formData, { schema: manageInvitationSchema });
    if (submission.status !== 'success') throw new Response('Bad Request', { status: 400 });
    const result = await attempt(() => manageInvitation(viewer, { organizationId }, submission.value));
    if (!result.ok) return refused(result.error);
    return redirect(`/orgs/${organizationId}/edit?${noticeAfter[submission.value.intent]}#members`);
  }
  const submission = parseWithZod(formData, { schema: organizationSchema(shanghaiDate(now())) });
  if (submission.status !== 'success') return data({ profile: submission.reply() }, { status: 400 });
  const result = await attempt(() => updateOrganization(viewer, organizationId, submission.value));
  if (!result.ok) {
    return data(
      { profile: submission.reply({ fieldErrors: { creditCode: [result.error.messageKey] } }) },
      { status: result.error.status },
    );
  }
  return redirect(`/orgs/${organizationId}/edit?saved`);
}

export default function EditOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { organization } = loaderData;
  const notice = ['registered', 'saved'].find((key) => searchParams.has(key));
  return (
    <>
      <PageHeader title={organization.name}>
        <Link to={`/orgs/${organization.id}`}>{t('organizations.profile.publicProfile')}</Link>
        <Link to="/incubators">{t('incubation.nav')}</Link>
      </PageHeader>
      {notice ? (
        <p className="notice" role="status">
          {t(messageKey('organizations.profile.notices', notice))}
        </p>
      ) : null}
      <InvitationNotice days={loaderData.days} />
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
      <div className="narrow">
        <Section title={t('organizations.profile.profile')}>
          <OrganizationForm
            lastResult={actionData && 'profile' in actionData ? actionData.profile : undefined}
            today={loaderData.today}
            defaultValue={{
              name: organization.name,
              type: organization.type,
              creditCode: organization.creditCode ?? '',
              fields: organization.fields,
              description: organization.description,
              contactName: organization.contactName,
              contactPhone: organization.contactPhone,
              contactEmail: organization.contactEmail,
              teamSize: String(organization.teamSize),
              volunteers: String(organization.volunteers),
              foundedOn: organization.foundedOn ?? '',
            }}
            submitLabel={t('organizations.profile.save')}
          />
        </Section>
      </div>
      <OrganizationMembers
        members={loaderData.members}
        invitations={loaderData.invitations}
        lastResult={actionData && 'invite' in actionData ? actionData.invite : undefined}
        locale={loaderData.locale}
      />
    </>
  );
}
