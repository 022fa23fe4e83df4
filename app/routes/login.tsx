import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { Form, Link, redirect, useSearchParams } from 'react-router';
import type { Route } from './+types/login';
import { getViewer, verifyLogin } from '~/accounts/auth.server';
import { loginSchema } from '~/accounts/schemas';
import { createSession, sessionCookie } from '~/accounts/session.server';
import { safeRedirect } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { Field, FormErrors, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  if (await getViewer(request)) throw redirect('/me');
  const t = await getT(request);
  return { title: t('accounts.loginTitle') };
}

export async function action({ request }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: loginSchema });
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] });
  const user = await verifyLogin(submission.value.email, submission.value.password);
  if (!user) return submission.reply({ formErrors: ['errors.badLogin'], hideFields: ['password'] });
  const { token, expiresAt } = createSession(user.id);
  return redirect(safeRedirect(submission.value.redirectTo), {
    headers: { 'Set-Cookie': sessionCookie(request, token, expiresAt) },
  });
}

export default function Login({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.loginTitle')} />
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field meta={fields.email} label={t('accounts.email')} type="email" autoComplete="email" />
        <Field meta={fields.password} label={t('accounts.password')} type="password" autoComplete="current-password" />
        <SubmitButton>{t('accounts.login')}</SubmitButton>
      </Form>
      <p>
        <Link to="/forgot-password">{t('recovery.forgotLink')}</Link>
      </p>
      <p>
        {t('accounts.noAccount')} <Link to="/signup">{t('accounts.signup')}</Link>
      </p>
    </div>
  );
}
