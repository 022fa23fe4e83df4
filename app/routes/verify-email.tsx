import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/verify-email';
import { requireViewer } from '~/accounts/auth.server';
import { resendVerification, verifyEmail } from '~/accounts/recovery.server';
import { getT } from '~/lib/i18n.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

/** The emailed link: the single-use token verifies the address it was sent to. */
export async function loader({ request }: Route.LoaderArgs) {
  const t = await getT(request);
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return { title: t('accounts.recovery.verifyTitle'), verified: token !== '' && verifyEmail(token) !== null };
}

/** Sends a fresh verification email to the signed-in person. */
export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  resendVerification(viewer);
  return { resent: true };
}

export default function VerifyEmail({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.recovery.verifyTitle')} />
      {actionData?.resent ? (
        <p className="notice" role="status">
          {t('accounts.recovery.resent')}
        </p>
      ) : loaderData.verified ? (
        <p className="notice" role="status">
          {t('accounts.recovery.verified')}
        </p>
      ) : (
        <p className="alert" role="alert">
          {t('accounts.recovery.invalidLink')}
        </p>
      )}
      <p>
        <Link to="/account">{t('accounts.accountTitle')}</Link>
      </p>
    </div>
  );
}
