import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import type { TenderPage } from '../tender-page.server';
import { formatDateTime, formatMoney, formatPeriod } from '~/lib/format';
import { SubmitButton } from '~/ui/form';
import { Section, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

type Tender = TenderPage['tender'];

/** Why a tender ended without a contract, when it did. */
export function TenderOutcome({ tender }: { tender: Tender }) {
  const { t } = useTranslation();
  if (tender.state === 'cancelled' && tender.cancelReason)
    return <p className="alert">{t('procurement.cancelledBecause', { reason: tender.cancelReason })}</p>;
  if (tender.state === 'unsuccessful')
    return <p className="alert">{t('procurement.unsuccessfulBecause', { count: tender.minBids })}</p>;
  return null;
}

/** The tender's terms as published: budget, sessions, deadlines, eligibility, weights and scope. */
export function TenderTerms({ tender, locale }: { tender: Tender; locale: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Stats>
        <Stat label={t('procurement.tenders.union')} value={tender.unionName} />
        <Stat label={t('procurement.tenders.category')} value={t(messageKey('catalog.categories', tender.category))} />
        <Stat label={t('procurement.tenders.budget')} value={formatMoney(tender.budgetFen, locale)} />
        <Stat label={t('procurement.tenders.sessions')} value={tender.sessions} />
        <Stat label={t('procurement.tenders.minWorkerVisits')} value={tender.minWorkerVisits} />
        <Stat
          label={t('procurement.tenders.deadline')}
          value={formatDateTime(tender.deadlineAt, locale)}
          testId="deadline"
        />
        {tender.questionDeadlineAt ? (
          <Stat
            label={t('procurement.form.questionDeadline')}
            value={formatDateTime(tender.questionDeadlineAt, locale)}
          />
        ) : null}
        {tender.periodStart && tender.periodEnd ? (
          <Stat
            label={t('procurement.servicePeriod')}
            value={formatPeriod(tender.periodStart, tender.periodEnd, locale)}
          />
        ) : null}
        <Stat
          label={t('procurement.form.eligibility')}
          value={t(messageKey('procurement.eligibility', tender.eligibility), {
            grade: tender.minGrade ? t(`evaluation.grades.${tender.minGrade}`) : '',
          })}
        />
        <Stat label={t('procurement.form.minBids')} value={tender.minBids} />
        <Stat label={t('procurement.tenders.objectionDays')} value={tender.objectionDays} />
      </Stats>
      {tender.scope ? <p className="prose">{tender.scope}</p> : null}
      <p className="hint">
        {t('procurement.tenders.weightsLine', {
          price: tender.weights.price,
          plan: tender.weights.plan,
          team: tender.weights.team,
          track: tender.weights.track_record,
        })}
      </p>
    </>
  );
}

export function TenderAttachments({
  tenderId,
  attachments,
}: {
  tenderId: number;
  attachments: TenderPage['attachments'];
}) {
  const { t } = useTranslation();
  if (!attachments.length) return null;
  return (
    <Section title={t('procurement.attachments')}>
      <ul>
        {attachments.map((a) => (
          <li key={a.id}>
            <a href={`/tenders/${tenderId}/attachments/${a.id}`} download>
              {a.fileName}
            </a>{' '}
            <span className="hint">({Math.ceil(a.sizeBytes / 1024)} KB)</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The union staff's buttons: publish, edit or amend, manage, evaluate; each shown only where allowed. */
export function StaffActions({ tender, staff }: { tender: Tender; staff: TenderPage['staff'] }) {
  const { t } = useTranslation();
  if (!staff.canPublish && !staff.canEdit && !staff.canManage && !staff.canEvaluate) return null;
  return (
    <div className="actions">
      {staff.canPublish ? (
        <Form method="post">
          <SubmitButton name="intent" value="publish">
            {t('procurement.tenders.publish')}
          </SubmitButton>
        </Form>
      ) : null}
      {staff.canEdit ? (
        <Link className="button secondary" to={`/tenders/${tender.id}/edit`}>
          {tender.state === 'draft' ? t('procurement.edit.link') : t('procurement.edit.amendLink')}
        </Link>
      ) : null}
      {staff.canManage ? (
        <Link className="button secondary" to={`/tenders/${tender.id}/manage`}>
          {t('procurement.manage.link')}
        </Link>
      ) : null}
      {staff.canEvaluate ? (
        <Link className="button" to={`/tenders/${tender.id}/evaluate`}>
          {t('procurement.tenders.evaluate')}
        </Link>
      ) : null}
    </div>
  );
}
