import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { Bidder } from '../tender-page.server';
import { OwnScores } from './tender-sections';
import { formatDateTime } from '~/lib/format';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '~/ui/form';
import { Section, StateBadge } from '~/ui/page';
import type { bidSchema } from '../schemas';
import type { objectionSchema } from '../schemas';
import type { z } from 'zod';

type LastResult = SubmissionResult<string[]> | undefined;

function BidForm({ organization, lastResult }: { organization: Bidder; lastResult: LastResult }) {
  const { t } = useTranslation();
  const { bid } = organization;
  const [form, fields] = useForm<z.input<typeof bidSchema>>({
    id: 'bid',
    lastResult,
    defaultValue: bid ? { price: bid.price, plan: bid.plan, team: bid.team } : undefined,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary
        form={form}
        labels={{
          price: t('procurement.bids.priceYuan'),
          plan: t('procurement.bids.plan'),
          team: t('procurement.bids.team'),
        }}
      />
      <input type="hidden" name="organizationId" value={organization.id} />
      <Field meta={fields.price} label={t('procurement.bids.priceYuan')} inputMode="decimal" />
      <TextareaField meta={fields.plan} label={t('procurement.bids.plan')} rows={8} />
      <TextareaField meta={fields.team} label={t('procurement.bids.team')} rows={3} />
      <div className="actions">
        <SubmitButton name="intent" value="submit">
          {bid?.state === 'submitted' ? t('procurement.bids.resubmit') : t('procurement.bids.submit')}
        </SubmitButton>
        {bid?.state !== 'submitted' ? (
          <SubmitButton name="intent" value="saveDraft" className="button secondary">
            {t('procurement.bid.saveDraft')}
          </SubmitButton>
        ) : null}
      </div>
    </Form>
  );
}

function ObjectionsPanel({ organization, lastResult }: { organization: Bidder; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof objectionSchema>>({
    id: 'objection',
    lastResult,
  });
  return (
    <div className="objections">
      <h3>{t('procurement.objections.title')}</h3>
      <ul>
        {organization.objections.map((o) => (
          <li key={o.id}>
            <p>{o.reason}</p>
            <p>
              <StateBadge states="procurement.states.objection" state={o.state} />
              {o.answer ? ` ${t('procurement.objections.answer')}${t('punctuation.colon')}${o.answer}` : null}
            </p>
          </li>
        ))}
      </ul>
      {organization.canObject ? (
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} labels={{ reason: t('procurement.objections.reason') }} />
          <input type="hidden" name="organizationId" value={organization.id} />
          <TextareaField meta={fields.reason} label={t('procurement.objections.reason')} rows={4} />
          <SubmitButton name="intent" value="object">
            {t('procurement.objections.file')}
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

/** The viewer's organization's own bid: its receipt, the bid form while bidding is open, its scores and objections. */
export function BidSection({
  organization,
  open,
  closed,
  locale,
  replies,
}: {
  organization: Bidder;
  open: boolean;
  closed: boolean;
  locale: string;
  replies: { bid: LastResult; objection: LastResult };
}) {
  const { t } = useTranslation();
  const { bid } = organization;
  return (
    <Section title={t('procurement.bids.yourBid', { organization: organization.name })}>
      {bid?.state === 'submitted' ? (
        <div className="receipt" role="status">
          <p>{t('procurement.bids.receipt', { time: formatDateTime(bid.submittedAt!, locale) })}</p>
          <p>
            <code data-testid="bid-hash">{bid.receipt}</code>
          </p>
        </div>
      ) : null}
      {bid?.state === 'draft' ? <p className="hint">{t('procurement.bid.draftState')}</p> : null}
      {bid?.state === 'withdrawn' ? <p className="hint">{t('procurement.bid.withdrawnState')}</p> : null}
      {open && !organization.eligible ? <p className="alert">{t('errors.notEligible')}</p> : null}
      {organization.canBid ? (
        <>
          <p className="hint">{t('procurement.bids.sealedExplanation')}</p>
          <BidForm organization={organization} lastResult={replies.bid} />
          {organization.canWithdraw ? (
            <Form method="post">
              <input type="hidden" name="organizationId" value={organization.id} />
              <SubmitButton name="intent" value="withdraw" className="button secondary">
                {t('procurement.bids.withdraw')}
              </SubmitButton>
            </Form>
          ) : null}
        </>
      ) : null}
      {closed ? <p>{t('procurement.bids.closed')}</p> : null}
      {organization.scores ? <OwnScores scores={organization.scores} locale={locale} /> : null}
      {organization.canObject || organization.objections.length ? (
        <ObjectionsPanel organization={organization} lastResult={replies.objection} />
      ) : null}
    </Section>
  );
}
