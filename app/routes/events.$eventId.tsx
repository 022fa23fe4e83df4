import { useTranslation } from '~/lib/translation';
import { Link, redirect } from 'react-router';
import type { Route } from './+types/events.$eventId';
import { requireViewer } from '~/accounts/auth.server';
import { attendanceReview, submitAttendanceReview } from '~/delivery/attendance.server';
import { AttendanceReview } from '~/delivery/components/attendance-review';
import { CancelEventForm, CancelledNotice } from '~/delivery/components/event-cancellation';
import { EventFacts } from '~/delivery/components/event-facts';
import { EventReport, WalkInsForm } from '~/delivery/components/event-report';
import {
  cancelEvent,
  deletePhoto,
  fileReport,
  recordWalkIns,
  requireEventFor,
  reviewReport,
} from '~/delivery/events.server';
import { basisOfUnions, eventFigures } from '~/delivery/figures.server';
import { eventIntegrity, excludedRatingCount } from '~/delivery/integrity.server';
import { eventAbilities, mayReviewReport } from '~/delivery/permissions';
import {
  maxPhotoBytes,
  maxPhotosPerSubmission,
  readLimitedFormData,
  readPhotoUploads,
  reportFormSchema,
} from '~/delivery/event-photos.server';
import { reasonSchema, walkInsSchema } from '~/delivery/schemas';
import { attempt, confirmationOf, refused, submitForm } from '~/lib/actions.server';
import { now } from '~/lib/clock.server';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { FiguresBlock } from '~/ui/figures';
import { ConfirmPage } from '~/ui/confirm';
import { ActionMessage, replyTo } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.event.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = requireEventFor(viewer, parseId(params.eventId));
  const { event, oversight } = view;
  return {
    locale: await getLocale(request),
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      venueType: event.venueType,
      address: event.address,
      expectedAttendance: event.expectedAttendance,
      state: event.state,
      walkIns: event.walkIns,
      reportSummary: event.reportSummary,
      returnReason: event.returnReason,
      cancelReason: event.cancelReason,
      contractId: event.contractId,
    },
    incubatorName: oversight?.kind === 'residency' ? oversight.incubatorName : null,
    organization: { id: event.organizationId, name: view.organizationName },
    checkinCount: view.checkinCount,
    photos: view.photos,
    asOrganization: view.asOrganization,
    can: eventAbilities(event, view.standing, now()),
    ended: now().getTime() >= event.endsAt.getTime(),
    flaggedCount: view.asUnion
      ? eventIntegrity(viewer, event.id).ratings.filter((r) => r.flags.length && !r.excludedReason).length
      : null,
    excludedCount: excludedRatingCount(event.id),
    figures: eventFigures(event.id),
    basis: basisOfUnions(oversight ? [oversight.unionId] : []),
    attendance: attendanceReview(viewer, event.id),
    photoLimits: { count: maxPhotosPerSubmission, megabytes: maxPhotoBytes / 1024 / 1024 },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const eventId = parseId(params.eventId);
  const read = await attempt(() => readLimitedFormData(request));
  if (!read.ok) return refused(read.error);
  const formData = read.value;
  const intent = formData.get('intent');
  const back = redirect(`/events/${eventId}`);
  const respond = async (command: () => unknown) => {
    const result = await attempt(command);
    return result.ok ? back : refused(result.error);
  };
  if (intent === 'report') {
    const report = async ({ photos, ...value }: z.output<typeof reportFormSchema>) =>
      fileReport(viewer, eventId, value, await readPhotoUploads(photos));
    const result = await submitForm(formData, reportFormSchema, report, { form: 'report' });
    return result.ok ? back : result.reply;
  }
  if (intent === 'walk-ins') {
    const record = ({ walkIns }: { walkIns: number }) => recordWalkIns(viewer, eventId, walkIns);
    const result = await submitForm(formData, walkInsSchema, record, { form: 'walkIns' });
    return result.ok ? back : result.reply;
  }
  if (intent === 'delete-photo') {
    return respond(() => deletePhoto(viewer, eventId, parseId(String(formData.get('photoId') ?? ''))));
  }
  if (intent === 'attendance') {
    const result = await submitAttendanceReview(viewer, eventId, formData);
    return result.ok ? redirect(`/events/${eventId}#attendance`) : result.reply;
  }
  if (intent === 'cancel') {
    const cancel = ({ reason }: { reason: string }) => cancelEvent(viewer, eventId, reason);
    const result = await submitForm(formData, reasonSchema, cancel, { form: 'cancel' });
    return result.ok ? back : result.reply;
  }
  if (intent === 'return') {
    const giveBack = ({ reason }: { reason: string }) => reviewReport(viewer, eventId, 'return', reason);
    const result = await submitForm(formData, reasonSchema, giveBack, { form: 'return' });
    return result.ok ? back : result.reply;
  }
  if (intent === 'accept') {
    const ask = await confirmationOf(formData, () => {
      const view = requireEventFor(viewer, eventId);
      return mayReviewReport(view.event, view.standing);
    });
    return ask ?? respond(() => reviewReport(viewer, eventId, 'accept'));
  }
  throw new Response('Bad Request', { status: 400 });
}

export default function EventPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { event, locale, can } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  if (actionData && 'confirm' in actionData) {
    return (
      <ConfirmPage
        title={t('delivery.confirm.accept.title', { title: event.title })}
        happens={[
          t('delivery.confirm.accept.counts'),
          t('delivery.confirm.accept.notify', { organization: loaderData.organization.name }),
        ]}
        cannotUndo={t('delivery.confirm.accept.cannotUndo')}
        submit={t('delivery.confirm.accept.submit')}
        fields={actionData.confirm}
        cancelTo={`/events/${event.id}`}
      />
    );
  }
  return (
    <>
      <PageHeader title={event.title}>
        <StateBadge states="delivery.states.event" state={event.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      <EventFacts {...loaderData} />
      <CancelledNotice reason={event.cancelReason} />
      {can.presentCode ? (
        <p>
          <Link className="button" to={`/events/${event.id}/present`}>
            {t('delivery.events.present')}
          </Link>
        </p>
      ) : null}
      {can.recordWalkIns && !loaderData.ended ? (
        <Section title={t('delivery.walkIns.title')}>
          <p className="hint">{t('delivery.events.walkInsHint')}</p>
          <WalkInsForm walkIns={event.walkIns} lastResult={replyTo(actionData, 'walkIns')} />
        </Section>
      ) : null}
      <Section title={t('delivery.events.figures')}>
        <FiguresBlock figures={loaderData.figures} basis={loaderData.basis} locale={locale} />
        {loaderData.attendance.accepted ? null : <p className="hint">{t('delivery.figures.countOnceAccepted')}</p>}
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
      <EventReport
        event={event}
        checkinCount={loaderData.checkinCount}
        photos={loaderData.photos}
        can={can}
        lastResults={{ report: replyTo(actionData, 'report'), return: replyTo(actionData, 'return') }}
        photoLimits={loaderData.photoLimits}
      />
      <AttendanceReview
        review={loaderData.attendance}
        locale={locale}
        replyTo={(target) => replyTo(actionData, 'attendance', { target })}
      />
      {can.cancel ? <CancelEventForm lastResult={replyTo(actionData, 'cancel')} /> : null}
    </>
  );
}
