import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '~/ui/form';
import { Section } from '~/ui/page';
import type { reasonSchema, reportSchema, walkInsSchema } from '../schemas';
import type { z } from 'zod';

type Reply = SubmissionResult<string[]> | undefined;

/** The completion report: attendance, a summary and photos, filed once the event is over. */
function ReportForm({
  lastResult,
  walkIns,
  photoLimits,
}: {
  lastResult: Reply;
  walkIns: number;
  photoLimits: { count: number; megabytes: number };
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof reportSchema> & { photos: File[] }>({
    id: 'report',
    lastResult,
    defaultValue: { walkIns: String(walkIns) },
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <ErrorSummary
        form={form}
        labels={{
          walkIns: t('delivery.events.walkIns'),
          summary: t('delivery.events.summary'),
          photos: t('delivery.photos.choose'),
        }}
      />
      <Field
        meta={fields.walkIns}
        label={t('delivery.events.walkIns')}
        type="number"
        min={0}
        hint={t('delivery.events.walkInsHint')}
      />
      <TextareaField meta={fields.summary} label={t('delivery.events.summary')} />
      <Field
        meta={fields.photos}
        label={t('delivery.photos.choose')}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        hint={t('delivery.photos.hint', photoLimits)}
      />
      <SubmitButton name="intent" value="report">
        {t('delivery.events.fileReport')}
      </SubmitButton>
    </Form>
  );
}

/** Attendees who did not scan, counted by the organizer while the event runs. */
export function WalkInsForm({ walkIns, lastResult }: { walkIns: number; lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof walkInsSchema>>({
    id: 'walk-ins',
    lastResult,
    defaultValue: { walkIns: String(walkIns) },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary form={form} labels={{ walkIns: t('delivery.events.walkIns') }} />
      <div className="inline-form">
        <Field meta={fields.walkIns} label={t('delivery.events.walkIns')} type="number" min={0} />
        <SubmitButton name="intent" value="walk-ins" className="button secondary">
          {t('delivery.walkIns.record')}
        </SubmitButton>
      </div>
    </Form>
  );
}

/** The report's photos, each with a delete button while the report may still be changed. */
function ReportPhotos({
  eventId,
  photos,
  deletable,
}: {
  eventId: number;
  photos: { id: number }[];
  deletable: boolean;
}) {
  const { t } = useTranslation();
  if (!photos.length) return <p className="hint">{t('delivery.photos.none')}</p>;
  return (
    <ul className="photos">
      {photos.map((photo, i) => (
        <li key={photo.id}>
          <a href={`/events/${eventId}/photos/${photo.id}`}>
            <img
              src={`/events/${eventId}/photos/${photo.id}`}
              alt={t('delivery.photos.alt', { n: i + 1 })}
              loading="lazy"
              width={160}
              height={120}
            />
          </a>
          {deletable ? (
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

/** The overseeing union's decision on a filed report: accept it, or return it with a reason. */
function ReviewButtons({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof reasonSchema>>({ id: 'return', lastResult });
  return (
    <div className="actions">
      <Form method="post">
        <SubmitButton name="intent" value="accept">
          {t('delivery.events.accept')}
        </SubmitButton>
      </Form>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={{ reason: t('delivery.events.returnReason') }} />
        <div className="inline-form">
          <Field meta={fields.reason} label={t('delivery.events.returnReason')} />
          <SubmitButton name="intent" value="return" className="button secondary">
            {t('delivery.events.return')}
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}

/** The completion report: its summary, attendance and photos, the form to (re)file it, and the union's review. */
export function EventReport({
  event,
  checkinCount,
  photos,
  can,
  lastResults,
  photoLimits,
}: {
  event: { id: number; walkIns: number; reportSummary: string | null; returnReason: string | null };
  checkinCount: number;
  photos: { id: number }[];
  can: { fileReport: boolean; deletePhoto: boolean; reviewReport: boolean };
  lastResults: { report: Reply; return: Reply };
  photoLimits: { count: number; megabytes: number };
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('delivery.events.report')}>
      {event.reportSummary ? (
        <>
          <p className="prose">{event.reportSummary}</p>
          <p>
            {t('delivery.report.attendance', {
              checkins: checkinCount,
              walkIns: event.walkIns,
              total: checkinCount + event.walkIns,
            })}
          </p>
        </>
      ) : null}
      <ReportPhotos eventId={event.id} photos={photos} deletable={can.deletePhoto} />
      {/* A returned report's reason stays until the report is filed again. */}
      {event.returnReason ? (
        <p className="alert">{t('delivery.events.returnedBecause', { reason: event.returnReason })}</p>
      ) : null}
      {can.fileReport ? (
        <ReportForm lastResult={lastResults.report} walkIns={event.walkIns} photoLimits={photoLimits} />
      ) : can.deletePhoto ? (
        <p className="hint">{t('delivery.events.reportAfterEnd')}</p>
      ) : null}
      {can.reviewReport ? <ReviewButtons lastResult={lastResults.return} /> : null}
    </Section>
  );
}
