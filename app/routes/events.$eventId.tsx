import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/events.$eventId';
import { requireViewer, type Viewer } from '~/accounts/auth.server';
import { deletePhoto, fileReport, requireEventFor, recordWalkIns, reviewReport } from '~/delivery/events.server';
import { attendanceReview, submitAttendanceReview } from '~/delivery/attendance.server';
import { AttendanceReview } from '~/delivery/components/attendance-review';
import { basisOfUnions, eventFigures } from '~/delivery/figures.server';
import { eventIntegrity, excludedRatingCount } from '~/delivery/integrity.server';
import { maxPhotoBytes, maxPhotosPerSubmission, readLimitedFormData, readPhotoUploads } from '~/delivery/photos.server';
import { reportSchema, walkInsSchema } from '~/delivery/schemas';
import { attempt } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { FiguresBlock } from '~/ui/figures';
import { ActionMessage, Field, FormErrors, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader, Section, Stat, StateBadge, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.event.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = requireEventFor(viewer, parseId(params.eventId));
  const { event, oversight } = view;
  const t = now().getTime();
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
      expectedAttendance: event.expectedAttendance,
      state: event.state,
      walkIns: event.walkIns,
      reportSummary: event.reportSummary,
      returnReason: event.returnReason,
      contractId: event.contractId,
    },
    incubatorName: oversight?.kind === 'residency' ? oversight.incubatorName : null,
    organizationId: event.organizationId,
    organizationName: view.organizationName,
    checkinCount: view.checkinCount,
    photos: view.photos,
    asOrganization: view.asOrganization,
    canReview: view.canReview,
    flaggedCount: view.asUnion
      ? eventIntegrity(viewer, event.id).ratings.filter((r) => r.flags.length && !r.excludedReason).length
      : null,
    excludedCount: excludedRatingCount(event.id),
    started: t >= event.startsAt.getTime(),
    ended: t >= event.endsAt.getTime(),
    figures: eventFigures(event.id),
    basis: basisOfUnions(oversight ? [oversight.unionId] : []),
    attendance: attendanceReview(viewer, event.id),
    photoLimits: { count: maxPhotosPerSubmission, megabytes: maxPhotoBytes / 1024 / 1024 },
  };
}

async function report(viewer: Viewer, eventId: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: reportSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = await attempt(async () =>
    fileReport(viewer, eventId, submission.value, await readPhotoUploads(formData.getAll('photos'))),
  );
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.error.messageKey] }), { status: result.error.status });
  }
  return redirect(`/events/${eventId}`);
}

async function respond(eventId: number, command: () => unknown) {
  const result = await attempt(command);
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/events/${eventId}`);
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const eventId = parseId(params.eventId);
  const read = await attempt(() => readLimitedFormData(request));
  if (!read.ok) return data({ failure: read.error.messageKey }, { status: read.error.status });
  const formData = read.value;
  const intent = formData.get('intent');
  if (intent === 'report') return report(viewer, eventId, formData);
  if (intent === 'walk-ins') {
    const submission = parseWithZod(formData, { schema: walkInsSchema });
    if (submission.status !== 'success') {
      return data({ failure: submission.error?.walkIns?.[0] ?? 'errors.wholeNumber' }, { status: 400 });
    }
    return respond(eventId, () => recordWalkIns(viewer, eventId, submission.value.walkIns));
  }
  if (intent === 'delete-photo') {
    return respond(eventId, () => deletePhoto(viewer, eventId, parseId(String(formData.get('photoId') ?? ''))));
  }
  if (intent === 'attendance') {
    const failed = await submitAttendanceReview(viewer, eventId, formData);
    if (failed) return data({ attendance: failed }, { status: failed.status });
    return redirect(`/events/${eventId}#attendance`);
  }
  if (intent === 'accept' || intent === 'return') {
    return respond(eventId, () => reviewReport(viewer, eventId, intent, String(formData.get('reason') ?? '')));
  }
  throw new Response('Bad Request', { status: 400 });
}

function ReportForm({
  actionData,
  walkIns,
  photoLimits,
}: {
  actionData: Route.ComponentProps['actionData'];
  walkIns: number;
  photoLimits: { count: number; megabytes: number };
}) {
  const { t } = useTranslation();
  const lastResult = actionData && 'status' in actionData ? actionData : undefined;
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { walkIns: String(walkIns) },
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <Field
        meta={fields.walkIns}
        label={t('delivery.events.walkIns')}
        type="number"
        min={0}
        hint={t('delivery.events.walkInsHint')}
      />
      <TextareaField meta={fields.summary} label={t('delivery.events.summary')} />
      <div className="field">
        <label htmlFor="photos">{t('delivery.photos.choose')}</label>
        <input
          id="photos"
          name="photos"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          aria-describedby="photos-hint"
        />
        <p className="hint" id="photos-hint">
          {t('delivery.photos.hint', photoLimits)}
        </p>
      </div>
      <SubmitButton name="intent" value="report">
        {t('delivery.events.fileReport')}
      </SubmitButton>
    </Form>
  );
}

function WalkInsForm({ walkIns }: { walkIns: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline-form">
      <label htmlFor="walk-ins">{t('delivery.events.walkIns')}</label>
      <input id="walk-ins" name="walkIns" type="number" min={0} defaultValue={walkIns} required />
      <SubmitButton name="intent" value="walk-ins" className="button secondary">
        {t('delivery.walkIns.record')}
      </SubmitButton>
    </Form>
  );
}

function Photos({ loaderData }: { loaderData: Route.ComponentProps['loaderData'] }) {
  const { t } = useTranslation();
  const { event, photos } = loaderData;
  const editable = loaderData.asOrganization && ['scheduled', 'returned'].includes(event.state);
  if (!photos.length) return <p className="hint">{t('delivery.photos.none')}</p>;
  return (
    <ul className="photos">
      {photos.map((photo, i) => (
        <li key={photo.id}>
          <a href={`/events/${event.id}/photos/${photo.id}`}>
            <img
              src={`/events/${event.id}/photos/${photo.id}`}
              alt={t('delivery.photos.alt', { n: i + 1 })}
              loading="lazy"
              width={160}
              height={120}
            />
          </a>
          {editable ? (
            <Form method="post">
              <input type="hidden" name="photoId" value={photo.id} />
              <button type="submit" name="intent" value="delete-photo" className="link-button">
                {t('delivery.photos.delete', { n: i + 1 })}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function EventPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { event, locale } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  const reportable = loaderData.asOrganization && ['scheduled', 'returned'].includes(event.state);
  return (
    <>
      <PageHeader title={event.title}>
        <StateBadge states="delivery.states.event" state={event.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      <Stats>
        <Stat label={t('delivery.events.organization')} value={loaderData.organizationName} />
        <Stat label={t('delivery.events.startsAt')} value={formatDateTime(event.startsAt, locale)} />
        <Stat label={t('delivery.events.venueType')} value={t(messageKey('delivery.venues', event.venueType))} />
        <Stat label={t('delivery.events.address')} value={event.address} />
        <Stat label={t('delivery.events.expectedAttendance')} value={event.expectedAttendance} />
        <Stat label={t('delivery.events.checkins')} value={loaderData.checkinCount} testId="checkin-count" />
        <Stat label={t('delivery.events.walkIns')} value={event.walkIns} testId="walk-ins" />
      </Stats>
      {event.contractId ? (
        <p>
          <Link to={`/contracts/${event.contractId}`}>{t('delivery.events.backToContract')}</Link>
        </p>
      ) : (
        <p>
          <span className="badge">{t('delivery.resident.badge')}</span>{' '}
          {loaderData.incubatorName ? t('delivery.resident.overseenBy', { incubator: loaderData.incubatorName }) : null}
        </p>
      )}
      {loaderData.asOrganization ? (
        <p>
          <Link to={`/orgs/${loaderData.organizationId}/calendar`}>{t('delivery.calendar.organizationLink')}</Link>
        </p>
      ) : null}

      {loaderData.asOrganization && event.state === 'scheduled' ? (
        <p>
          <Link className="button" to={`/events/${event.id}/present`}>
            {t('delivery.events.present')}
          </Link>
        </p>
      ) : null}

      {reportable && loaderData.started && !loaderData.ended ? (
        <Section title={t('delivery.walkIns.title')}>
          <p className="hint">{t('delivery.events.walkInsHint')}</p>
          <WalkInsForm walkIns={event.walkIns} />
        </Section>
      ) : null}

      <Section title={t('delivery.events.figures')}>
        <FiguresBlock figures={loaderData.figures} basis={loaderData.basis} locale={locale} />
        {event.state !== 'accepted' ? <p className="hint">{t('delivery.figures.countOnceAccepted')}</p> : null}
        {loaderData.excludedCount ? (
          <p className="hint">{t('delivery.integrity.excludedNote', { count: loaderData.excludedCount })}</p>
        ) : null}
        {loaderData.flaggedCount !== null ? (
          <p>
            <Link to={`/events/${event.id}/ratings`} data-testid="integrity-link">
              {t('delivery.integrity.link', { count: loaderData.flaggedCount })}
            </Link>
          </p>
        ) : null}
      </Section>

      <Section title={t('delivery.events.report')}>
        {event.reportSummary ? (
          <>
            <p className="prose">{event.reportSummary}</p>
            <p>
              {t('delivery.report.attendance', {
                checkins: loaderData.checkinCount,
                walkIns: event.walkIns,
                total: loaderData.checkinCount + event.walkIns,
              })}
            </p>
          </>
        ) : null}
        <Photos loaderData={loaderData} />
        {event.returnReason && event.state === 'returned' ? (
          <p className="alert">{t('delivery.events.returnedBecause', { reason: event.returnReason })}</p>
        ) : null}
        {reportable ? (
          loaderData.ended ? (
            <ReportForm actionData={actionData} walkIns={event.walkIns} photoLimits={loaderData.photoLimits} />
          ) : (
            <p className="hint">{t('delivery.events.reportAfterEnd')}</p>
          )
        ) : null}
        {loaderData.canReview && event.state === 'reported' ? (
          <div className="actions">
            <Form method="post">
              <SubmitButton name="intent" value="accept">
                {t('delivery.events.accept')}
              </SubmitButton>
            </Form>
            <Form method="post" className="inline-form">
              <label htmlFor="return-reason">{t('delivery.events.returnReason')}</label>
              <input id="return-reason" name="reason" required />
              <SubmitButton name="intent" value="return" className="button secondary">
                {t('delivery.events.return')}
              </SubmitButton>
            </Form>
          </div>
        ) : null}
      </Section>

      <AttendanceReview
        review={loaderData.attendance}
        locale={locale}
        failed={actionData && 'attendance' in actionData ? actionData.attendance : null}
      />
    </>
  );
}
