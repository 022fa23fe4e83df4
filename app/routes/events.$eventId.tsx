import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/events.$eventId';
import { requireViewer } from '~/accounts/auth.server';
import { fileReport, getEventFor, reviewReport } from '~/delivery/events.server';
import { eventFigures } from '~/delivery/figures.server';
import { reportSchema } from '~/delivery/schemas';
import { attempt } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { FiguresBlock } from '~/ui/figures';
import { ActionMessage, Field, FormErrors, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader, Section, Stat, StateBadge, Stats } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.event.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = getEventFor(viewer, parseId(params.eventId));
  const { event } = view;
  return {
    locale: await getLocale(request),
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      venueType: event.venueType,
      address: event.address,
      capacity: event.capacity,
      state: event.state,
      walkIns: event.walkIns,
      reportSummary: event.reportSummary,
      returnReason: event.returnReason,
      contractId: event.contractId,
    },
    organizationName: view.organizationName,
    checkinCount: view.checkinCount,
    asOrganization: view.asOrganization,
    canAccept: view.canAccept,
    ended: now().getTime() >= event.endsAt.getTime(),
    figures: eventFigures(event.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const eventId = parseId(params.eventId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'accept' || intent === 'return') {
    const reason = String(formData.get('reason') ?? '');
    const result = await attempt(() => reviewReport(viewer, eventId, intent, reason));
    if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
    return redirect(`/events/${eventId}`);
  }
  const submission = parseWithZod(formData, { schema: reportSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = await attempt(() => fileReport(viewer, eventId, submission.value));
  if (!result.ok)
    return data(submission.reply({ formErrors: [result.error.messageKey] }), { status: result.error.status });
  return redirect(`/events/${eventId}`);
}

function ReportForm({ actionData, walkIns }: { actionData: Route.ComponentProps['actionData']; walkIns: number }) {
  const { t } = useTranslation();
  const lastResult = actionData && 'status' in actionData ? actionData : undefined;
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { walkIns: String(walkIns) },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <Field meta={fields.walkIns} label={t('events.walkIns')} type="number" min={0} hint={t('events.walkInsHint')} />
      <TextareaField meta={fields.summary} label={t('events.summary')} />
      <SubmitButton name="intent" value="report">
        {t('events.fileReport')}
      </SubmitButton>
    </Form>
  );
}

export default function EventPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { event, locale } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  return (
    <>
      <PageHeader title={event.title}>
        <StateBadge machine="event" state={event.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      <Stats>
        <Stat label={t('events.organization')} value={loaderData.organizationName} />
        <Stat label={t('events.startsAt')} value={formatDateTime(event.startsAt, locale)} />
        <Stat label={t('events.venueType')} value={t(`venues.${event.venueType}`)} />
        <Stat label={t('events.address')} value={event.address} />
        <Stat label={t('events.checkins')} value={loaderData.checkinCount} testId="checkin-count" />
      </Stats>
      {event.contractId ? (
        <p>
          <Link to={`/contracts/${event.contractId}`}>{t('events.backToContract')}</Link>
        </p>
      ) : null}

      {loaderData.asOrganization && event.state === 'scheduled' ? (
        <p>
          <Link className="button" to={`/events/${event.id}/present`}>
            {t('events.present')}
          </Link>
        </p>
      ) : null}

      <Section title={t('events.figures')}>
        <FiguresBlock figures={loaderData.figures} locale={locale} />
      </Section>

      <Section title={t('events.report')}>
        {event.reportSummary ? (
          <>
            <p className="prose">{event.reportSummary}</p>
            <p>{t('events.walkInsCount', { count: event.walkIns })}</p>
          </>
        ) : null}
        {event.returnReason && event.state === 'returned' ? (
          <p className="alert">{t('events.returnedBecause', { reason: event.returnReason })}</p>
        ) : null}
        {loaderData.asOrganization && ['scheduled', 'returned'].includes(event.state) ? (
          loaderData.ended ? (
            <ReportForm actionData={actionData} walkIns={event.walkIns} />
          ) : (
            <p className="hint">{t('events.reportAfterEnd')}</p>
          )
        ) : null}
        {loaderData.canAccept && event.state === 'reported' ? (
          <div className="actions">
            <Form method="post">
              <SubmitButton name="intent" value="accept">
                {t('events.accept')}
              </SubmitButton>
            </Form>
            <Form method="post" className="inline-form">
              <label htmlFor="return-reason">{t('events.returnReason')}</label>
              <input id="return-reason" name="reason" required />
              <SubmitButton name="intent" value="return" className="button secondary">
                {t('events.return')}
              </SubmitButton>
            </Form>
          </div>
        ) : null}
      </Section>
    </>
  );
}
