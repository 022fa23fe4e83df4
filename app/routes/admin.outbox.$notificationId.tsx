import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import type { Route } from './+types/admin.outbox.$notificationId';
import { requireViewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { previewOutboxEmail, retryEmail } from '~/notifications/outbox.server';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { row, email } = await previewOutboxEmail(viewer, parseId(params.notificationId));
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  return {
    title: `${t('notifications.outbox.preview')}: ${email.subject}`,
    locale,
    row: {
      toEmail: row.toEmail,
      template: row.template,
      emailState: row.emailState,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt,
      nextAttemptAt: row.nextAttemptAt,
      sentAt: row.sentAt,
    },
    email: { subject: email.subject, html: email.html, text: email.text },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const result = await attempt(() => retryEmail(viewer, parseId(params.notificationId)));
  return result.ok ? { retried: true, error: null } : { retried: false, error: result.error.messageKey };
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}

export default function AdminOutboxEmail({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { row, email, locale } = loaderData;
  return (
    <>
      <PageHeader title={email.subject}>
        <Link to="/admin/outbox">{t('notifications.outbox.back')}</Link>
      </PageHeader>
      <table className="facts">
        <tbody>
          <Fact label={t('notifications.outbox.recipient')} value={row.toEmail} />
          <Fact label={t('notifications.outbox.template')} value={t(messageKey('notifications.kinds', row.template))} />
          <Fact
            label={t('notifications.outbox.state')}
            value={t(messageKey('notifications.outbox.states', row.emailState))}
          />
          <Fact label={t('notifications.outbox.attempts')} value={row.attempts} />
          <Fact label={t('notifications.outbox.created')} value={formatDateTime(row.createdAt, locale)} />
          {row.nextAttemptAt && row.emailState === 'pending' ? (
            <Fact label={t('notifications.outbox.nextAttempt')} value={formatDateTime(row.nextAttemptAt, locale)} />
          ) : null}
          {row.sentAt ? (
            <Fact label={t('notifications.outbox.sentAt')} value={formatDateTime(row.sentAt, locale)} />
          ) : null}
          {row.lastError ? <Fact label={t('notifications.outbox.lastError')} value={row.lastError} /> : null}
        </tbody>
      </table>
      {actionData?.retried ? (
        <p className="notice" role="status">
          {t('notifications.outbox.retried')}
        </p>
      ) : null}
      <ActionMessage failure={actionData?.error} />
      {row.emailState === 'failed' ? (
        <Form method="post">
          <SubmitButton>{t('notifications.outbox.retry')}</SubmitButton>
        </Form>
      ) : null}
      <Section title={t('notifications.outbox.html')}>
        {/* A sandbox without allow-same-origin is an opaque origin: nothing in the email can reach
            this page or the admin's session. Scripts (the email has none) are allowed inside it only
            so that accessibility checkers can look into the frame. */}
        <iframe className="email-preview" title={email.subject} srcDoc={email.html} sandbox="allow-scripts" />
      </Section>
      <Section title={t('notifications.outbox.text')}>
        <pre className="email-text">{email.text}</pre>
      </Section>
    </>
  );
}
