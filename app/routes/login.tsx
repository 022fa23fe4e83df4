import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect, useSearchParams } from 'react-router';
import type { Route } from './+types/login';
import { getViewer } from '~/accounts/auth.server';
import { RetryNotice } from '~/accounts/components/retry-notice';
import { attemptLogin, signIn } from '~/accounts/login.server';
import { loginSchema } from '~/accounts/schemas';
import { pendingCookie, startPendingLogin } from '~/accounts/two-factor.server';
import { passRetryAfter, safeRedirect } from '~/lib/http';
import { clientNetwork, retryAfter } from '~/lib/rate-limit.server';
import { getT } from '~/lib/i18n.server';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import type { z } from 'zod';

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  if (await getViewer(request)) throw redirect('/me');
  const t = await getT(request);
  return { title: t('accounts.loginTitle') };
}

export async function action({ request }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: loginSchema });
  const hidden = { hideFields: ['password'] };
  if (submission.status !== 'success') return { result: submission.reply(hidden), retryMinutes: 0 };
  const { email, password } = submission.value;
  const redirectTo = safeRedirect(submission.value.redirectTo);
  const outcome = await attemptLogin(email, password, clientNetwork(request));
  if (outcome.kind === 'throttled') {
    const headers = retryAfter(outcome.retryMinutes * 60);
    return data({ result: submission.reply(hidden), retryMinutes: outcome.retryMinutes }, { status: 429, headers });
  }
  if (outcome.kind === 'needs-code') {
    const { token } = startPendingLogin(outcome.userId, redirectTo);
    return redirect('/login/two-factor', { headers: { 'Set-Cookie': pendingCookie(request, token) } });
  }
  if (outcome.kind !== 'signed-in') {
    return { result: submission.reply({ formErrors: ['errors.badLogin'], ...hidden }), retryMinutes: 0 };
  }
  return signIn(request, outcome.userId, redirectTo);
}

export default function Login({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get('redirectTo') ?? '';
  const [form, fields] = useForm<z.input<typeof loginSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.loginTitle')} />
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={{ email: t('accounts.email'), password: t('accounts.password') }} />
        <RetryNotice minutes={actionData?.retryMinutes} message="accounts.security.loginThrottled" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field meta={fields.email} label={t('accounts.email')} type="email" autoComplete="email" />
        <Field meta={fields.password} label={t('accounts.password')} type="password" autoComplete="current-password" />
        <SubmitButton>{t('accounts.login')}</SubmitButton>
      </Form>
      <p>
        <Link to="/forgot-password">{t('accounts.recovery.forgotLink')}</Link>
      </p>
      <p>
        {t('accounts.noAccount')}{' '}
        <Link to={redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : '/signup'}>
          {t('accounts.signup')}
        </Link>
      </p>
    </div>
  );
}
