import { useTranslation } from '~/lib/translation';
import { Form, useSearchParams } from 'react-router';
import type { InvitationState } from '../machine';
import { formatDateTime } from '~/lib/format';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

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
    <DataTable
      testId="invitations"
      caption={t('invitations.list.title')}
      rows={invitations}
      rowKey={(r) => r.id}
      columns={[
        { label: t('invitations.list.email'), title: true, cell: (r) => r.email },
        { label: t('invitations.list.role'), cell: role },
        { label: t('invitations.list.invitedBy'), cell: (r) => r.invitedBy ?? '—' },
        { label: t('invitations.list.sent'), cell: (r) => formatDateTime(r.sentAt, locale) },
        { label: t('invitations.list.expires'), cell: (r) => formatDateTime(r.expiresAt, locale) },
        {
          label: t('invitations.list.state'),
          cell: (r) => (
            <span className={`badge badge-${r.state}`}>{t(`invitations.states.invitation.${r.state}`)}</span>
          ),
        },
        {
          label: t('invitations.list.actions'),
          action: true,
          cell: (r) =>
            (['resend', 'withdraw'] as const).map((intent) => (
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
            )),
        },
      ]}
    />
  );
}
