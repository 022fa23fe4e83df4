import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';

type Status = { state: 'off' } | { state: 'on' } | { state: 'pending'; uri: string; qr: string; manualKey: string };

/** The code that confirms a new authenticator, or turns two-factor off (then a recovery code will do). */
function CodeForm({
  intent,
  submit,
  lastResult,
}: {
  intent: 'twoFactorConfirm' | 'twoFactorDisable';
  submit: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ code: string }>({ id: 'totp', lastResult });
  const recovery = intent === 'twoFactorDisable';
  const label = t(recovery ? 'accounts.security.twoFactor.codeOrRecovery' : 'accounts.security.twoFactor.code');
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary form={form} labels={{ code: label }} />
      <input type="hidden" name="intent" value={intent} />
      <Field
        meta={fields.code}
        label={label}
        inputMode={recovery ? undefined : 'numeric'}
        autoComplete="one-time-code"
        maxLength={recovery ? 11 : 6}
      />
      <SubmitButton className={recovery ? 'button secondary' : 'button'}>{submit}</SubmitButton>
    </Form>
  );
}

/** /account's two-factor section: turn on (scan or type the key, confirm with a code) or off. */
export function TwoFactorSection({
  status,
  required,
  notice,
  lastResult,
  recoveryCodes,
}: {
  status: Status;
  required: boolean;
  notice: string | null;
  lastResult: SubmissionResult<string[]> | undefined;
  recoveryCodes?: string[];
}) {
  const { t } = useTranslation();
  return (
    <section id="two-factor" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t('accounts.security.twoFactor.title')}</h2>
      {required ? (
        <p className="alert" role="alert">
          {t('accounts.security.twoFactor.required')}
        </p>
      ) : null}
      {recoveryCodes ? (
        <div className="callout">
          <p role="status">{t('accounts.security.twoFactor.enabled')}</p>
          <h3>{t('accounts.security.twoFactor.recoveryTitle')}</h3>
          <p>{t('accounts.security.twoFactor.recoveryLead')}</p>
          <ul data-testid="recovery-codes">
            {recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {notice === 'disabled' ? (
        <p className="notice" role="status">
          {t('accounts.security.twoFactor.disabled')}
        </p>
      ) : null}
      <p>{t('accounts.security.twoFactor.lead')}</p>
      {status.state === 'off' ? (
        <>
          <p>{t('accounts.security.twoFactor.off')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="twoFactorStart" />
            <SubmitButton>{t('accounts.security.twoFactor.start')}</SubmitButton>
          </Form>
        </>
      ) : null}
      {status.state === 'pending' ? (
        <>
          <p>{t('accounts.security.twoFactor.scan')}</p>
          <div
            className="qr"
            style={{ width: '12rem', maxWidth: '100%' }}
            role="img"
            aria-label={t('accounts.security.twoFactor.qrLabel')}
            dangerouslySetInnerHTML={{ __html: status.qr }}
          />
          <p>
            {t('accounts.security.twoFactor.manualKey')}
            {t('punctuation.colon')}
            <code data-testid="totp-key">{status.manualKey}</code>
          </p>
          <p style={{ overflowWrap: 'anywhere' }}>
            {t('accounts.security.twoFactor.uri')}
            {t('punctuation.colon')}
            <a href={status.uri}>{status.uri}</a>
          </p>
          <CodeForm
            intent="twoFactorConfirm"
            submit={t('accounts.security.twoFactor.confirm')}
            lastResult={lastResult}
          />
        </>
      ) : null}
      {status.state === 'on' ? (
        <>
          <p>{t('accounts.security.twoFactor.on')}</p>
          <p>{t('accounts.security.twoFactor.disableLead')}</p>
          <CodeForm
            intent="twoFactorDisable"
            submit={t('accounts.security.twoFactor.disable')}
            lastResult={lastResult}
          />
        </>
      ) : null}
    </section>
  );
}
