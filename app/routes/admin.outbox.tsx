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
import { DataTable } from '~/ui/table';

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
        <DataTable
          rows={loaderData.emails}
          rowKey={(e) => e.id}
          columns={[
            {
              label: t('notifications.outbox.created'),
              title: true,
              cell: (e) => <Link to={`/admin/outbox/${e.id}`}>{formatDateTime(e.createdAt, locale)}</Link>,
            },
            { label: t('notifications.outbox.recipient'), cell: (e) => e.toEmail },
            {
              label: t('notifications.outbox.template'),
              cell: (e) => t(messageKey('notifications.kinds', e.template)),
            },
            {
              label: t('notifications.outbox.state'),
              cell: (e) => (
                <span className={`badge badge-${e.emailState}`}>
                  {t(messageKey('notifications.outbox.states', e.emailState))}
                </span>
              ),
            },
            { label: t('notifications.outbox.attempts'), cell: (e) => e.attempts },
            { label: t('notifications.outbox.lastError'), cell: (e) => e.lastError },
          ]}
        />
      ) : (
        <Empty>{t('notifications.outbox.none')}</Empty>
      )}
      {loaderData.sms ? (
        <section aria-labelledby="local-sms">
          <h2 id="local-sms">{t('notifications.smsOutbox.title')}</h2>
          <p className="callout">{t('notifications.smsOutbox.lead')}</p>
          {loaderData.sms.length ? (
            <DataTable
              rows={loaderData.sms}
              rowKey={(m) => m.id}
              rowProps={() => ({ 'data-testid': 'local-sms' })}
              columns={[
                { label: t('notifications.outbox.created'), cell: (m) => formatDateTime(m.createdAt, locale) },
                { label: t('notifications.smsOutbox.to'), cell: (m) => m.toMasked },
                { label: t('notifications.smsOutbox.text'), cell: (m) => m.text },
              ]}
            />
          ) : (
            <Empty>{t('notifications.smsOutbox.none')}</Empty>
          )}
        </section>
      ) : null}
    </>
  );
}
