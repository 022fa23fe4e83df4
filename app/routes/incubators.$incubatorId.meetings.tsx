import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { data, Form, Link, redirect } from 'react-router';
import { IncubatorTabs } from '~/incubation/components/incubator-tabs';
import type { Route } from './+types/incubators.$incubatorId.meetings';
import { requireViewer } from '~/accounts/auth.server';
import { requireMeetingIncubator, listMeetings, scheduleMeeting } from '~/incubation/meetings.server';
import { meetingSchema } from '~/incubation/schemas';
import { formatDateTime } from '~/lib/format';
import { explained } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '~/ui/form';
import { Empty, PageHeader, Section } from '~/ui/page';
import { DataTable } from '~/ui/table';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const { incubator, canManage } = explained(() => requireMeetingIncubator(viewer, parseId(params.incubatorId)));
  const t = await getT(request);
  return {
    title: t('incubation.meetingsTitle', { name: incubator.name }),
    locale: await getLocale(request),
    incubator: { id: incubator.id, name: incubator.name },
    canManage,
    meetings: listMeetings(incubator.id).map((m) => ({
      id: m.id,
      heldAt: m.heldAt,
      agenda: m.agenda,
      attendees: m.attendeeOrganizationIds.length,
      minuted: m.minutes.trim() !== '',
    })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const incubatorId = parseId(params.incubatorId);
  const submission = parseWithZod(await request.formData(), { schema: meetingSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const meetingId = scheduleMeeting(viewer, incubatorId, submission.value);
  return redirect(`/incubators/${incubatorId}/meetings/${meetingId}`);
}

export default function Meetings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { incubator, locale } = loaderData;
  const [form, fields] = useForm<z.input<typeof meetingSchema>>({
    lastResult: actionData,
  });
  return (
    <>
      <PageHeader title={loaderData.title}>
        {loaderData.canManage ? null : <Link to={`/incubators/${incubator.id}`}>{incubator.name}</Link>}
      </PageHeader>
      {loaderData.canManage ? <IncubatorTabs incubatorId={incubator.id} isManager /> : null}
      {loaderData.meetings.length ? (
        <DataTable
          rows={loaderData.meetings}
          rowKey={(m) => m.id}
          columns={[
            {
              label: t('incubation.meetingTime'),
              title: true,
              cell: (m) => (
                <Link to={`/incubators/${incubator.id}/meetings/${m.id}`}>{formatDateTime(m.heldAt, locale)}</Link>
              ),
            },
            { label: t('incubation.agenda'), className: 'prose', cell: (m) => m.agenda },
            {
              label: t('incubation.attendance'),
              cell: (m) =>
                m.minuted ? t('incubation.attendeeCount', { count: m.attendees }) : t('incubation.noMinutesYet'),
            },
          ]}
        />
      ) : (
        <Empty>{t('incubation.noMeetings')}</Empty>
      )}
      {loaderData.canManage ? (
        <Section title={t('incubation.scheduleMeeting')}>
          <Form method="post" {...getFormProps(form)} className="narrow">
            <ErrorSummary
              form={form}
              labels={{ heldAt: t('incubation.meetingTime'), agenda: t('incubation.agenda') }}
            />
            <Field
              meta={fields.heldAt}
              label={t('incubation.meetingTime')}
              type="datetime-local"
              hint={t('common.beijingTime')}
            />
            <TextareaField meta={fields.agenda} label={t('incubation.agenda')} rows={4} />
            <SubmitButton>{t('incubation.scheduleMeeting')}</SubmitButton>
          </Form>
        </Section>
      ) : null}
    </>
  );
}
