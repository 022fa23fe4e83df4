import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect, useSearchParams } from 'react-router';
import type { Route } from './+types/signup';
import { getViewer, signUp } from '~/accounts/auth.server';
import { RetryNotice, minutesFrom } from '~/accounts/components/retry-notice';
import { signupSchema } from '~/accounts/schemas';
import { createSession, sessionCookie } from '~/accounts/session.server';
import { passRetryAfter, safeRedirect } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { clientNetwork, rateLimited, retryAfter } from '~/lib/rate-limit.server';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import type { z } from 'zod';

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  if (await getViewer(request)) throw redirect('/me');
  const t = await getT(request);
  return { title: t('accounts.signupTitle') };
}

export async function action({ request }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: signupSchema });
  const hidden = { hideFields: ['password'] };
  if (submission.status !== 'success') return { result: submission.reply(hidden), retryMinutes: 0 };
  const wait = rateLimited(['signup', clientNetwork(request)]);
  if (wait) {
    return data(
      { result: submission.reply(hidden), retryMinutes: minutesFrom(wait) },
      { status: 429, headers: retryAfter(wait) },
    );
  }
  const user = await signUp({ ...submission.value, locale: await getLocale(request) });
  if (!user)
    return { result: submission.reply({ fieldErrors: { email: ['errors.emailTaken'] }, ...hidden }), retryMinutes: 0 };
  const { token, expiresAt } = createSession(user.id);
  return redirect(safeRedirect(submission.value.redirectTo), {
    headers: { 'Set-Cookie': sessionCookie(token, expiresAt) },
  });
}

export default function Signup({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get('redirectTo') ?? '';
  const [form, fields] = useForm<z.input<typeof signupSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.signupTitle')} />
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary
          form={form}
          labels={{ name: t('accounts.name'), email: t('accounts.email'), password: t('accounts.password') }}
        />
        <RetryNotice minutes={actionData?.retryMinutes} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field meta={fields.name} label={t('accounts.name')} autoComplete="name" />
        <Field meta={fields.email} label={t('accounts.email')} type="email" autoComplete="email" />
        <Field
          meta={fields.password}
          label={t('accounts.password')}
          type="password"
          autoComplete="new-password"
          hint={t('accounts.passwordHint')}
        />
        <SubmitButton>{t('accounts.signup')}</SubmitButton>
      </Form>
      <p>
        {t('accounts.haveAccount')}{' '}
        <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login'}>
          {t('accounts.login')}
        </Link>
      </p>
    </div>
  );
}
