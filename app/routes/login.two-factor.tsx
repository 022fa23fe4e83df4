import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { twoFactorAnyCodeSchema } from '~/accounts/schemas';
import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/login.two-factor';
import { RetryNotice } from '~/accounts/components/retry-notice';
import { attemptCode, signIn } from '~/accounts/login.server';
import { findPendingLogin, pendingCookie, readPendingToken } from '~/accounts/two-factor.server';
import { passRetryAfter } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { clientNetwork, retryAfter } from '~/lib/rate-limit.server';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  if (!findPendingLogin(readPendingToken(request))) throw redirect('/login');
  const t = await getT(request);
  return { title: t('accounts.security.twoFactor.loginTitle') };
}

export async function action({ request }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: twoFactorAnyCodeSchema });
  const reply = (result: SubmissionResult<string[]>, init: ResponseInit & { retryMinutes?: number } = {}) =>
    data({ result, retryMinutes: init.retryMinutes ?? 0 }, { status: init.status ?? 400, headers: init.headers });
  if (submission.status !== 'success') return reply(submission.reply());
  const token = readPendingToken(request);
  const outcome = attemptCode(token, submission.value.code, clientNetwork(request));
  switch (outcome.kind) {
    case 'signed-in':
      return signIn(request, outcome.userId, outcome.redirectTo ?? '/me', [pendingCookie(request, null)]);
    case 'throttled':
      return reply(submission.reply(), {
        status: 429,
        retryMinutes: outcome.retryMinutes,
        headers: retryAfter(outcome.retryMinutes * 60),
      });
    case 'wrong':
      return reply(submission.reply({ fieldErrors: { code: ['accounts.security.twoFactor.badCode'] } }));
    default:
      return reply(submission.reply({ formErrors: ['accounts.security.twoFactor.expired'] }), {
        headers: { 'Set-Cookie': pendingCookie(request, null) },
      });
  }
}

export default function LoginTwoFactor({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ code: string }>({ id: 'login-code', lastResult: actionData?.result });
  const label = t('accounts.security.twoFactor.codeOrRecovery');
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.security.twoFactor.loginTitle')} />
      <p>{t('accounts.security.twoFactor.loginLead')}</p>
      <RetryNotice minutes={actionData?.retryMinutes} message="accounts.security.loginThrottled" />
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={{ code: label }} />
        <Field
          meta={fields.code}
          label={label}
          autoComplete="one-time-code"
          maxLength={11}
          hint={t('accounts.security.twoFactor.recoveryHint')}
        />
        <SubmitButton>{t('accounts.security.twoFactor.verify')}</SubmitButton>
      </Form>
      <p>
        <Link to="/login">{t('accounts.security.twoFactor.backToLogin')}</Link>
      </p>
    </div>
  );
}
