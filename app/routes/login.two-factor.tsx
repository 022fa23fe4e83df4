import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/login.two-factor';
import { RetryNotice } from '~/accounts/components/retry-notice';
import { attemptCode, signIn } from '~/accounts/login.server';
import { findPendingLogin, pendingCookie, readPendingToken } from '~/accounts/two-factor.server';
import { passRetryAfter } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { clientNetwork, retryAfter } from '~/lib/rate-limit.server';
import { SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import type { MessageKey } from '~/lib/locale';

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  if (!findPendingLogin(readPendingToken(request))) throw redirect('/login');
  const t = await getT(request);
  return { title: t('accounts.security.twoFactor.loginTitle') };
}

export async function action({ request }: Route.ActionArgs) {
  const code = String((await request.formData()).get('code') ?? '');
  const token = readPendingToken(request);
  const outcome = attemptCode(token, code, clientNetwork(request));
  switch (outcome.kind) {
    case 'signed-in':
      return signIn(request, outcome.userId, outcome.redirectTo ?? '/me', [pendingCookie(request, null)]);
    case 'throttled':
      return data(
        { failure: null, retryMinutes: outcome.retryMinutes },
        { status: 429, headers: retryAfter(outcome.retryMinutes * 60) },
      );
    case 'wrong':
      return data({ failure: 'accounts.security.twoFactor.badCode', retryMinutes: 0 }, { status: 400 });
    default:
      return data(
        { failure: 'accounts.security.twoFactor.expired', retryMinutes: 0 },
        { status: 400, headers: { 'Set-Cookie': pendingCookie(request, null) } },
      );
  }
}

export default function LoginTwoFactor({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.security.twoFactor.loginTitle')} />
      <p>{t('accounts.security.twoFactor.loginLead')}</p>
      <RetryNotice minutes={actionData?.retryMinutes} message="accounts.security.loginThrottled" />
      {actionData?.failure ? (
        <div id="code-error" role="alert">
          <p className="field-errors">{t(actionData.failure as MessageKey)}</p>
        </div>
      ) : null}
      <Form method="post">
        <div className="field">
          <label htmlFor="code">{t('accounts.security.twoFactor.codeOrRecovery')}</label>
          <input
            id="code"
            name="code"
            autoComplete="one-time-code"
            maxLength={11}
            required
            aria-invalid={actionData?.failure ? true : undefined}
            aria-describedby={actionData?.failure ? 'code-error code-hint' : 'code-hint'}
          />
          <p className="hint" id="code-hint">
            {t('accounts.security.twoFactor.recoveryHint')}
          </p>
        </div>
        <SubmitButton>{t('accounts.security.twoFactor.verify')}</SubmitButton>
      </Form>
      <p>
        <Link to="/login">{t('accounts.security.twoFactor.backToLogin')}</Link>
      </p>
    </div>
  );
}
