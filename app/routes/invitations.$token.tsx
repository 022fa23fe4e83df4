import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/invitations.$token';
import { getViewer, requireViewer } from '~/accounts/auth.server';
import { acceptInvitation, describeInvitation } from '~/invitations/invitations.server';
import { attempt } from '~/lib/actions.server';
import { formatDateTime } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

/**
 * The emailed link. Signed out: sign in or up, then back here. Signed in: what accepting would make
 * the person, or why they cannot (another address, not verified, used, withdrawn, expired).
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const t = await getT(request);
  const title = t('invitations.title');
  const viewer = await getViewer(request);
  if (!viewer) {
    const back = encodeURIComponent(new URL(request.url).pathname);
    return data({ title, view: { kind: 'signIn' as const, back } });
  }
  const result = await attempt(() => describeInvitation(viewer, params.token));
  if (!result.ok) {
    return data(
      { title, view: { kind: 'refused' as const, messageKey: result.error.messageKey } },
      { status: result.error.status },
    );
  }
  const locale = await getLocale(request);
  const { expiresAt, ...offer } = result.value;
  return data({ title, view: { kind: 'offer' as const, ...offer, expires: formatDateTime(expiresAt, locale) } });
}

/** Accepting: a POST, so that the link itself (opened by a mail scanner, say) changes nothing. */
export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const result = await attempt(() => acceptInvitation(viewer, params.token));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect('/me?invitationAccepted');
}

function Offer({ view }: { view: Extract<Route.ComponentProps['loaderData']['view'], { kind: 'offer' }> }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {view.union
          ? t('invitations.unionOffer', {
              inviter: view.inviter ?? '',
              union: view.union,
              role: t(messageKey('unions.roles', view.role)),
            })
          : t('invitations.organizationOffer', { inviter: view.inviter ?? '', organization: view.organization })}
        {view.department ? ` ${t('invitations.departmentOffer', { department: view.department })}` : ''}
      </p>
      <p className="hint">{t('invitations.expires', { time: view.expires })}</p>
      <Form method="post">
        <SubmitButton>{t('invitations.accept')}</SubmitButton>
      </Form>
      <p className="hint">{t('invitations.decline')}</p>
    </>
  );
}

export default function InvitationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { view } = loaderData;
  return (
    <div className="narrow">
      <PageHeader title={t('invitations.title')} />
      {actionData?.failure ? (
        <ActionMessage failure={actionData.failure} />
      ) : view.kind === 'signIn' ? (
        <>
          <p>{t('invitations.signInLead')}</p>
          <p className="actions">
            <Link className="button" to={`/login?redirectTo=${view.back}`}>
              {t('invitations.signIn')}
            </Link>
            <Link className="button secondary" to={`/signup?redirectTo=${view.back}`}>
              {t('invitations.signUp')}
            </Link>
          </p>
        </>
      ) : view.kind === 'refused' ? (
        <>
          <ActionMessage failure={view.messageKey} />
          {view.messageKey === 'invitations.errors.unverified' ? (
            <Form method="post" action="/verify-email" className="callout inline-form">
              <span>{t('accounts.recovery.unverified')}</span>
              <SubmitButton className="button secondary">{t('accounts.recovery.resend')}</SubmitButton>
            </Form>
          ) : null}
        </>
      ) : (
        <Offer view={view} />
      )}
      <p>
        <Link to="/me">{t('invitations.toWorkspace')}</Link>
      </p>
    </div>
  );
}
