import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Form } from 'react-router';
import type { Route } from './+types/forgot-password';
import { normalizeEmail } from '~/accounts/auth.server';
import { RetryNotice, minutesFrom } from '~/accounts/components/retry-notice';
import { requestPasswordReset } from '~/accounts/recovery.server';
import { forgotPasswordSchema } from '~/accounts/schemas';
import { passRetryAfter } from '~/lib/http';
import { getT } from '~/lib/i18n.server';
import { clientNetwork, rateLimited, retryAfter } from '~/lib/rate-limit.server';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import type { z } from 'zod';

export const headers = passRetryAfter;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const t = await getT(request);
  return { title: t('accounts.recovery.forgotTitle') };
}

export async function action({ request }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== 'success') return { result: submission.reply(), sent: false, retryMinutes: 0 };
  // Limited per email asked for whether or not it has an account, so a refusal reveals nothing.
  const wait = rateLimited(
    ['passwordReset', normalizeEmail(submission.value.email)],
    ['passwordResetAddress', clientNetwork(request)],
  );
  if (wait) {
    return data(
      { result: submission.reply(), sent: false, retryMinutes: minutesFrom(wait) },
      { status: 429, headers: retryAfter(wait) },
    );
  }
  requestPasswordReset(submission.value.email);
  // The same answer whether or not the address has an account.
  return { result: submission.reply(), sent: true, retryMinutes: 0 };
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof forgotPasswordSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.recovery.forgotTitle')} />
      {actionData?.sent ? (
        <p className="notice" role="status">
          {t('accounts.recovery.sent')}
        </p>
      ) : null}
      <p>{t('accounts.recovery.forgotLead')}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={{ email: t('accounts.email') }} />
        <RetryNotice minutes={actionData?.retryMinutes} />
        <Field meta={fields.email} label={t('accounts.email')} type="email" autoComplete="email" />
        <SubmitButton>{t('accounts.recovery.send')}</SubmitButton>
      </Form>
    </div>
  );
}
