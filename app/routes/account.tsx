import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/account';
import { NewPasswordFields } from '~/accounts/components/new-password-fields';
import { changePassword, findUserByEmail, forbidden, requireViewer, type Viewer } from '~/accounts/auth.server';
import { verifyPassword } from '~/accounts/password.server';
import { isEmailVerified } from '~/accounts/recovery.server';
import { changePasswordSchema, twoFactorAnyCodeSchema, twoFactorCodeSchema } from '~/accounts/schemas';
import { createSession, sessionCookie } from '~/accounts/session.server';
import { TwoFactorSection } from '~/accounts/components/two-factor-section';
import {
  confirmEnrolment,
  disableTwoFactor,
  mayUseTwoFactor,
  startEnrolment,
  twoFactorStatus,
} from '~/accounts/two-factor.server';
import { ErrorSummary, Field, replyTo, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import type { z } from 'zod';

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  return {
    name: viewer.name,
    email: viewer.email,
    emailVerified: isEmailVerified(viewer.id),
    changed: new URL(request.url).searchParams.has('changed'),
    twoFactor: mayUseTwoFactor(viewer) ? await twoFactorStatus(viewer) : null,
    twoFactorRequired: Boolean(viewer.twoFactorMissingFor?.length),
    twoFactorNotice: new URL(request.url).searchParams.get('twoFactor'),
  };
}

/**
 * Turning two-factor on (a new key, then a first code) or off (a current code or a recovery code):
 * the code form's reply is keyed `twoFactor`, a wrong code its field's problem.
 */
async function twoFactorAction(viewer: Viewer, intent: string, formData: FormData) {
  if (intent === 'twoFactorStart') {
    startEnrolment(viewer);
    return redirect('/account#two-factor');
  }
  const confirming = intent === 'twoFactorConfirm';
  const submission = parseWithZod(formData, { schema: confirming ? twoFactorCodeSchema : twoFactorAnyCodeSchema });
  const reply = (result: SubmissionResult<string[]>) => data({ twoFactor: result }, { status: 400 });
  if (submission.status !== 'success') return reply(submission.reply());
  const wrong = () => reply(submission.reply({ fieldErrors: { code: ['accounts.security.twoFactor.badCode'] } }));
  const { code } = submission.value;
  if (confirming) {
    // Not a redirect: the recovery codes are shown this once and never stored readable.
    const recoveryCodes = confirmEnrolment(viewer, code);
    return recoveryCodes ? { recoveryCodes } : wrong();
  }
  if (!disableTwoFactor(viewer, code)) return wrong();
  return redirect('/account?twoFactor=disabled#two-factor');
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  if (intent.startsWith('twoFactor')) {
    if (!mayUseTwoFactor(viewer)) forbidden();
    return twoFactorAction(viewer, intent, formData);
  }
  const submission = parseWithZod(formData, { schema: changePasswordSchema });
  const hidden = { hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] };
  if (submission.status !== 'success') return submission.reply(hidden);
  const user = findUserByEmail(viewer.email)!;
  if (!(await verifyPassword(user.passwordHash, submission.value.currentPassword))) {
    return submission.reply({ fieldErrors: { currentPassword: ['errors.badPassword'] }, ...hidden });
  }
  // Every session ends with the old password; this browser gets a fresh one.
  await changePassword(viewer.id, submission.value.newPassword);
  const { token, expiresAt } = createSession(viewer.id);
  return redirect('/account?changed', { headers: { 'Set-Cookie': sessionCookie(token, expiresAt) } });
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof changePasswordSchema>>({
    lastResult: actionData && 'status' in actionData ? actionData : undefined,
  });
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.accountTitle')} />
      <p>
        {loaderData.name} · {loaderData.email}
      </p>
      {loaderData.emailVerified ? null : (
        <Form method="post" action="/verify-email" className="callout inline-form">
          <span>{t('accounts.recovery.unverified')}</span>
          <SubmitButton className="button secondary">{t('accounts.recovery.resend')}</SubmitButton>
        </Form>
      )}
      <p>
        <Link to="/notifications/preferences">{t('notifications.preferences')}</Link>
      </p>
      {loaderData.changed ? (
        <p className="notice" role="status">
          {t('accounts.passwordChanged')}
        </p>
      ) : null}
      {loaderData.twoFactor ? (
        <TwoFactorSection
          status={loaderData.twoFactor}
          required={loaderData.twoFactorRequired}
          notice={loaderData.twoFactorNotice}
          lastResult={replyTo(actionData, 'twoFactor')}
          recoveryCodes={actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : undefined}
        />
      ) : null}
      <h2>{t('accounts.changePassword')}</h2>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary
          form={form}
          labels={{
            currentPassword: t('accounts.currentPassword'),
            newPassword: t('accounts.newPassword'),
            confirmPassword: t('accounts.confirmPassword'),
          }}
        />
        <Field
          meta={fields.currentPassword}
          label={t('accounts.currentPassword')}
          type="password"
          autoComplete="current-password"
        />
        <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
        <SubmitButton>{t('accounts.changePassword')}</SubmitButton>
      </Form>
    </div>
  );
}
