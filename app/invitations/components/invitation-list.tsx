import { useTranslation } from '~/lib/translation';
import { Form, useSearchParams } from 'react-router';
import type { InvitationState } from '../machine';
import { formatDateTime } from '~/lib/format';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';

type Row = {
  id: number;
  email: string;
  role: string;
  departmentName: string | null;
  invitedBy: string | null;
  sentAt: Date | string;
  expiresAt: Date | string;
  state: InvitationState;
};

/** The notice after inviting, resending or withdrawing (`?invited`, `?resent`, `?withdrawn`). */
export function InvitationNotice({ days }: { days: number }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const notice = ['invited', 'resent', 'withdrawn'].find((key) => searchParams.has(key));
  if (!notice) return null;
  return (
    <p className="notice" role="status">
      {t(messageKey('invitations.notices', notice), { days })}
    </p>
  );
}

/** Pending and expired invitations, each with its resend and withdraw buttons (posted to this page). */
export function InvitationList({ invitations, locale }: { invitations: Row[]; locale: string }) {
  const { t } = useTranslation();
  if (!invitations.length) return <Empty>{t('invitations.list.none')}</Empty>;
  const role = (r: Row) =>
    (r.role === 'member' ? t('organizations.profile.roles.member') : t(messageKey('unions.roles', r.role))) +
    (r.departmentName ? ` · ${r.departmentName}` : '');
  return (
    <table data-testid="invitations">
      <caption className="visually-hidden">{t('invitations.list.title')}</caption>
      <thead>
        <tr>
          <th>{t('invitations.list.email')}</th>
          <th>{t('invitations.list.role')}</th>
          <th>{t('invitations.list.invitedBy')}</th>
          <th>{t('invitations.list.sent')}</th>
          <th>{t('invitations.list.expires')}</th>
          <th>{t('invitations.list.state')}</th>
          <th>{t('invitations.list.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((r) => (
          <tr key={r.id}>
            <td>{r.email}</td>
            <td>{role(r)}</td>
            <td>{r.invitedBy ?? '—'}</td>
            <td>{formatDateTime(r.sentAt, locale)}</td>
            <td>{formatDateTime(r.expiresAt, locale)}</td>
            <td>
              <span className={`badge badge-${r.state}`}>{t(`invitations.states.invitation.${r.state}`)}</span>
            </td>
            <td>
              {(['resend', 'withdraw'] as const).map((intent) => (
                <Form method="post" className="inline-form" key={intent}>
                  <input type="hidden" name="intent" value={intent} />
                  <input type="hidden" name="invitationId" value={r.id} />
                  <button
                    type="submit"
                    className="button secondary"
                    aria-label={t(`invitations.list.${intent}Label`, { email: r.email })}
                  >
                    {t(`invitations.list.${intent}`)}
                  </button>
                </Form>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
