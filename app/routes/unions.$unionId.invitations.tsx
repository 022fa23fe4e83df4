import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, redirect } from 'react-router';
import type { Route } from './+types/unions.$unionId.invitations';
import { requireViewer } from '~/accounts/auth.server';
import { InvitationList, InvitationNotice } from '~/invitations/components/invitation-list';
import { invitationLifetimeDays, listInvitations, manageInvitation } from '~/invitations/invitations.server';
import { manageInvitationSchema, noticeAfter } from '~/invitations/schemas';
import { attempt } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { requireUnion } from '~/unions/unions.server';
import { ActionMessage } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

/** A union's staff invitations not yet accepted, for its admins and platform admins. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const union = requireUnion(parseId(params.unionId));
  const invitations = listInvitations(viewer, { unionId: union.id });
  const t = await getT(request);
  return {
    title: t('invitations.unionTitle', { union: union.name }),
    locale: await getLocale(request),
    invitations,
    days: invitationLifetimeDays(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const unionId = parseId(params.unionId);
  const submission = parseWithZod(await request.formData(), { schema: manageInvitationSchema });
  if (submission.status !== 'success') throw new Response('Bad Request', { status: 400 });
  const result = await attempt(() => manageInvitation(viewer, { unionId }, submission.value));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/unions/${unionId}/invitations?${noticeAfter[submission.value.intent]}`);
}

export default function UnionInvitations({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={loaderData.title} />
      <p>{t('invitations.unionLead')}</p>
      <InvitationNotice days={loaderData.days} />
      <ActionMessage failure={actionData?.failure} />
      <InvitationList invitations={loaderData.invitations} locale={loaderData.locale} />
    </>
  );
}
