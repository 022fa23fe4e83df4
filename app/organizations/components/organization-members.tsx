import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { InvitationList } from '~/invitations/components/invitation-list';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { Section } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import type { inviteMemberSchema } from '../schemas';
import type { z } from 'zod';

/** The organization's members, its open invitations, and the form that invites one more. */
export function OrganizationMembers({
  members,
  invitations,
  lastResult,
  locale,
}: {
  members: { userId: number; name: string; email: string; role: string }[];
  invitations: Parameters<typeof InvitationList>[0]['invitations'];
  lastResult: SubmissionResult<string[]> | undefined;
  locale: string;
}) {
  const { t } = useTranslation();
  const [inviteForm, inviteFields] = useForm<z.input<typeof inviteMemberSchema>>({
    id: 'invite',
    lastResult,
  });
  return (
    <Section title={t('organizations.profile.members')}>
      <ul id="members">
        {members.map((m) => (
          <li key={m.userId}>
            {m.name} · {m.email} · {t(messageKey('organizations.profile.roles', m.role))}
          </li>
        ))}
      </ul>
      <h3>{t('invitations.list.title')}</h3>
      <InvitationList invitations={invitations} locale={locale} />
      <Form method="post" {...getFormProps(inviteForm)} className="narrow">
        <ErrorSummary form={inviteForm} labels={{ email: t('organizations.profile.inviteEmail') }} />
        <input type="hidden" name="intent" value="invite" />
        <Field
          meta={inviteFields.email}
          label={t('organizations.profile.inviteEmail')}
          type="email"
          hint={t('organizations.profile.inviteHint')}
        />
        <SubmitButton>{t('organizations.profile.invite')}</SubmitButton>
      </Form>
    </Section>
  );
}
