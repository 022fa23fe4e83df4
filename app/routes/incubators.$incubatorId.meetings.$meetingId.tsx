import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/incubators.$incubatorId.meetings.$meetingId';
import { requireViewer } from '~/accounts/auth.server';
import {
  meetingAttendance,
  recordMinutes,
  requireMeeting,
  requireMeetingIncubator,
} from '~/incubation/meetings.server';
import { minutesSchema } from '~/incubation/schemas';
import { attempt, explained } from '~/lib/actions.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ChoiceField, ErrorSummary, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader, Section } from '~/ui/page';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { incubator, canManage } = explained(() => requireMeetingIncubator(viewer, parseId(params.incubatorId)));
  const meeting = requireMeeting(incubator.id, parseId(params.meetingId));
  const locale = await getLocale(request);
  const t = await getT(request);
  const attendance = meetingAttendance(incubator.id, meeting.attendeeOrganizationIds);
  return {
    title: t('incubation.meetingTitle', { time: formatDateTime(meeting.heldAt, locale) }),
    incubator: { id: incubator.id, name: incubator.name },
    canManage,
    meeting: {
      agenda: meeting.agenda,
      minutes: meeting.minutes,
      attendees: attendance.attendees,
      attendeeIds: meeting.attendeeOrganizationIds.map(String),
    },
    choices: attendance.choices,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const incubatorId = parseId(params.incubatorId);
  const meetingId = parseId(params.meetingId);
  const submission = parseWithZod(await request.formData(), { schema: minutesSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = await attempt(() =>
    recordMinutes(viewer, incubatorId, meetingId, {
      minutes: submission.value.minutes,
      attendeeOrganizationIds: submission.value.attendees,
    }),
  );
  if (!result.ok)
    return data(submission.reply({ formErrors: [result.error.messageKey] }), { status: result.error.status });
  return redirect(`/incubators/${incubatorId}/meetings/${meetingId}`);
}

export default function Meeting({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { meeting, incubator } = loaderData;
  const [form, fields] = useForm<z.input<typeof minutesSchema>>({
    lastResult: actionData,
    defaultValue: { minutes: meeting.minutes, attendees: meeting.attendeeIds },
  });
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link to={`/incubators/${incubator.id}/meetings`}>{t('incubation.meetings')}</Link>
      </PageHeader>
      <Section title={t('incubation.agenda')}>
        <p className="prose">{meeting.agenda}</p>
      </Section>
      <Section title={t('incubation.minutes')}>
        {meeting.minutes ? (
          <p className="prose">{meeting.minutes}</p>
        ) : (
          <p className="empty">{t('incubation.noMinutesYet')}</p>
        )}
        {meeting.attendees.length ? (
          <p>
            {t('incubation.attendedBy')}
            {meeting.attendees.join(t('punctuation.separator'))}
          </p>
        ) : null}
      </Section>
      {loaderData.canManage ? (
        <Section title={t('incubation.recordMinutes')}>
          <Form method="post" {...getFormProps(form)} className="narrow">
            <ErrorSummary
              form={form}
              labels={{ minutes: t('incubation.minutes'), attendees: t('incubation.attendance') }}
            />
            <TextareaField meta={fields.minutes} label={t('incubation.minutes')} rows={8} />
            <ChoiceField
              meta={fields.attendees}
              label={t('incubation.attendance')}
              type="checkbox"
              options={loaderData.choices}
            />
            <SubmitButton>{t('incubation.saveMinutes')}</SubmitButton>
          </Form>
        </Section>
      ) : null}
    </>
  );
}
