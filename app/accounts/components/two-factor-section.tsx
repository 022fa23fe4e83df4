import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { SubmitButton } from '~/ui/form';
import type { MessageKey } from '~/lib/locale';

type Status = { state: 'off' } | { state: 'on' } | { state: 'pending'; uri: string; qr: string; manualKey: string };

function CodeField({ failure, recovery = false }: { failure?: string; recovery?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor="totp-code">
        {t(recovery ? 'accounts.security.twoFactor.codeOrRecovery' : 'accounts.security.twoFactor.code')}
      </label>
      <input
        id="totp-code"
        name="code"
        inputMode={recovery ? undefined : 'numeric'}
        autoComplete="one-time-code"
        pattern={recovery ? undefined : '[0-9]{6}'}
        maxLength={recovery ? 11 : 6}
        required
        aria-invalid={failure ? true : undefined}
        aria-describedby={failure ? 'totp-code-error' : undefined}
      />
      {failure ? (
        <div id="totp-code-error" role="alert">
          <p className="field-errors">{t(failure as MessageKey)}</p>
        </div>
      ) : null}
    </div>
  );
}

/** /account's two-factor section: turn on (scan or type the key, confirm with a code) or off. */
export function TwoFactorSection({
  status,
  required,
  notice,
  failure,
  recoveryCodes,
}: {
  status: Status;
  required: boolean;
  notice: string | null;
  failure?: string;
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
          <Form method="post">
            <input type="hidden" name="intent" value="twoFactorConfirm" />
            <CodeField failure={failure} />
            <SubmitButton>{t('accounts.security.twoFactor.confirm')}</SubmitButton>
          </Form>
        </>
      ) : null}
      {status.state === 'on' ? (
        <>
          <p>{t('accounts.security.twoFactor.on')}</p>
          <p>{t('accounts.security.twoFactor.disableLead')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="twoFactorDisable" />
            <CodeField failure={failure} recovery />
            <SubmitButton className="button secondary">{t('accounts.security.twoFactor.disable')}</SubmitButton>
          </Form>
        </>
      ) : null}
    </section>
  );
}
