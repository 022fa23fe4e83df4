import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import type { Route } from './+types/admin.outbox';
import { requireViewer } from '~/accounts/auth.server';
import { formatDateTime } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { emailStates } from '~/notifications/email-states';
import { listOutbox, smtpConfigured } from '~/notifications/outbox.server';
import { listLocalSms, smsProvider } from '~/notifications/sms.server';
import { Empty, PageHeader } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const requested = new URL(request.url).searchParams.get('state');
  const state = emailStates.find((s) => s === requested);
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  return {
    title: t('notifications.outbox.title'),
    locale,
    state: state ?? '',
    smtp: smtpConfigured(),
    emails: listOutbox(viewer, state),
    // The local SMS provider's messages sit beside the emails: that is where its codes can be read.
    sms: smsProvider() === 'local' ? listLocalSms(viewer) : null,
  };
}

export default function AdminOutbox({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale } = loaderData;
  return (
    <>
      <PageHeader title={t('notifications.outbox.title')} />
      <p>{t('notifications.outbox.lead')}</p>
      <p className={loaderData.smtp ? 'notice' : 'callout'}>
        {t(loaderData.smtp ? 'notifications.outbox.smtpOn' : 'notifications.outbox.smtpOff')}
      </p>
      <Form method="get" className="inline-form">
        <label htmlFor="state">{t('notifications.outbox.filter')}</label>
        <select id="state" name="state" defaultValue={loaderData.state}>
          <option value="">{t('notifications.outbox.all')}</option>
          {emailStates.map((s) => (
            <option key={s} value={s}>
              {t(`notifications.outbox.states.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary">
          {t('notifications.outbox.apply')}
        </button>
      </Form>
      {loaderData.emails.length ? (
        <table>
          <thead>
            <tr>
              <th>{t('notifications.outbox.created')}</th>
              <th>{t('notifications.outbox.recipient')}</th>
              <th>{t('notifications.outbox.template')}</th>
              <th>{t('notifications.outbox.state')}</th>
              <th>{t('notifications.outbox.attempts')}</th>
              <th>{t('notifications.outbox.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.emails.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/admin/outbox/${e.id}`}>{formatDateTime(e.createdAt, locale)}</Link>
                </td>
                <td>{e.toEmail}</td>
                <td>{t(messageKey('notifications.kinds', e.template))}</td>
                <td>
                  <span className={`badge badge-${e.emailState}`}>
                    {t(messageKey('notifications.outbox.states', e.emailState))}
                  </span>
                </td>
                <td>{e.attempts}</td>
                <td>{e.lastError}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t('notifications.outbox.none')}</Empty>
      )}
      {loaderData.sms ? (
        <section aria-labelledby="local-sms">
          <h2 id="local-sms">{t('notifications.smsOutbox.title')}</h2>
          <p className="callout">{t('notifications.smsOutbox.lead')}</p>
          {loaderData.sms.length ? (
            <table>
              <thead>
                <tr>
                  <th>{t('notifications.outbox.created')}</th>
                  <th>{t('notifications.smsOutbox.to')}</th>
                  <th>{t('notifications.smsOutbox.text')}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.sms.map((m) => (
                  <tr key={m.id} data-testid="local-sms">
                    <td>{formatDateTime(m.createdAt, locale)}</td>
                    <td>{m.toMasked}</td>
                    <td>{m.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{t('notifications.smsOutbox.none')}</Empty>
          )}
        </section>
      ) : null}
    </>
  );
}
