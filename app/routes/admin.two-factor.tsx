import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { Form, redirect } from 'react-router';
import type { Route } from './+types/admin.two-factor';
import { requirePlatformAdmin, requireViewer } from '~/accounts/auth.server';
import { twoFactorResetSchema } from '~/accounts/schemas';
import { personForReset, resetTwoFactor } from '~/accounts/two-factor.server';
import { ErrorSummary, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';
import type { z } from 'zod';

/** A platform admin finds a person by email and resets their two-factor, giving the reason. */
export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  requirePlatformAdmin(viewer);
  const search = new URL(request.url).searchParams;
  const email = search.get('email')?.trim() ?? '';
  const person = email ? personForReset(email) : null;
  return {
    email,
    person: person && { ...person, isViewer: person.id === viewer.id },
    reset: search.has('reset'),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  requirePlatformAdmin(viewer);
  const submission = parseWithZod(await request.formData(), { schema: twoFactorResetSchema });
  if (submission.status !== 'success') return submission.reply();
  const result = resetTwoFactor(viewer, submission.value.userId, submission.value.reason);
  if (result.failure) return submission.reply({ formErrors: [result.failure] });
  return redirect(`/admin/two-factor?email=${encodeURIComponent(result.email)}&reset`);
}

export default function AdminTwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { email, person, reset } = loaderData;
  const [form, fields] = useForm<z.input<typeof twoFactorResetSchema>>({
    lastResult: actionData,
  });
  return (
    <div className="narrow">
      <PageHeader title={t('accounts.security.twoFactorReset.title')} />
      <p>{t('accounts.security.twoFactorReset.lead')}</p>
      {reset && person ? (
        <p className="notice" role="status">
          {t('accounts.security.twoFactorReset.done', { email: person.email })}
        </p>
      ) : null}
      <Form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="reset-email">{t('accounts.security.twoFactorReset.email')}</label>
          <input id="reset-email" name="email" type="email" defaultValue={email} required />
        </div>
        <SubmitButton className="button secondary">{t('accounts.security.twoFactorReset.find')}</SubmitButton>
      </Form>
      {email && !person ? (
        <p className="alert" role="alert">
          {t('accounts.security.twoFactorReset.notFound')}
        </p>
      ) : null}
      {person ? (
        <Section title={t('punctuation.parenthesized', { text: person.name, note: person.email })}>
          {!person.twoFactor ? (
            <p>{t('accounts.security.twoFactorReset.off')}</p>
          ) : person.isViewer ? (
            <p>{t('accounts.security.twoFactorReset.notYourself')}</p>
          ) : (
            <>
              <p>{t('accounts.security.twoFactorReset.on')}</p>
              <Form method="post" {...getFormProps(form)}>
                <ErrorSummary form={form} labels={{ reason: t('accounts.security.twoFactorReset.reason') }} />
                <input type="hidden" name="userId" value={person.id} />
                <TextareaField
                  meta={fields.reason}
                  label={t('accounts.security.twoFactorReset.reason')}
                  hint={t('accounts.security.twoFactorReset.reasonHint')}
                  rows={3}
                />
                <SubmitButton>{t('accounts.security.twoFactorReset.submit')}</SubmitButton>
              </Form>
            </>
          )}
        </Section>
      ) : null}
    </div>
  );
}
