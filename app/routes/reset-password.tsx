import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/reset-password';
import { NewPasswordFields } from '~/accounts/components/new-password-fields';
import { isResetTokenUsable, resetPassword } from '~/accounts/recovery.server';
import { resetPasswordSchema } from '~/accounts/schemas';
import { createSession, sessionCookie } from '~/accounts/session.server';
import { getT } from '~/lib/i18n.server';
import { ErrorSummary, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const t = await getT(request);
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return { title: t('accounts.recovery.resetTitle'), token, usable: token !== '' && isResetTokenUsable(token) };
}

/** A good token sets the password, ends every other session and signs this browser in. */
export async function action({ request }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema });
  const hidden = { hideFields: ['newPassword', 'confirmPassword'] };
  if (submission.status !== 'success') return submission.reply(hidden);
  const userId = await resetPassword(submission.value.token, submission.value.newPassword);
  if (userId === null) return submission.reply({ formErrors: ['accounts.recovery.invalidLink'], ...hidden });
  const { token, expiresAt } = createSession(userId);
  return redirect('/me', { headers: { 'Set-Cookie': sessionCookie(token, expiresAt) } });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof resetPasswordSchema>>({
    lastResult: actionData,
  });
  if (!loaderData.usable) {
    return (
      <div className="narrow">
        <PageHeader title={t('accounts.recovery.resetTitle')} />
        <p className="alert" role="alert">
          {t('accounts.recovery.invalidLink')}
        </p>
        <p>
          <Link to="/forgot-password">{t('accounts.recovery.requestAgain')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.recovery.resetTitle')} />
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary
          form={form}
          labels={{ newPassword: t('accounts.newPassword'), confirmPassword: t('accounts.confirmPassword') }}
        />
        <input type="hidden" name="token" value={loaderData.token} />
        <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
        <SubmitButton>{t('accounts.recovery.reset')}</SubmitButton>
      </Form>
    </div>
  );
}
