import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import type { z } from 'zod';
import { Form } from 'react-router';
import { amendmentNoticeDays, eligibilities } from '../machine';
import type { tenderSchema } from '../schemas';
import { categories } from '~/catalog/taxonomy';
import { passingGrades } from '~/evaluation/grades';
import { ErrorSummary, Field, SelectField, SubmitButton, TextareaField } from '~/ui/form';

export type TenderFormDefaults = Partial<Record<keyof z.input<ReturnType<typeof tenderSchema>>, string>>;

/**
 * The tender form for creating, editing a draft and amending a published tender. The server checks
 * it, with or without JavaScript (decision 109).
 */
export function TenderForm({
  mode,
  lastResult,
  defaultValue,
  unions,
  attachmentLimits,
  biddingDays,
}: {
  mode: 'create' | 'edit' | 'amend';
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: TenderFormDefaults;
  unions?: { id: number; name: string }[];
  attachmentLimits: { maxFiles: number; maxMegabytes: number };
  /** The minimum bidding period of the tender's union (of the first one offered, when creating). */
  biddingDays: number;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<ReturnType<typeof tenderSchema>> & { attachments: File[] }>({
    lastResult,
    defaultValue,
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <ErrorSummary
        form={form}
        labels={{
          rationale: t('procurement.form.rationale'),
          unionId: t('procurement.tenders.union'),
          title: t('procurement.tenders.title'),
          category: t('procurement.tenders.category'),
          scope: t('procurement.tenders.scope'),
          budget: t('procurement.tenders.budgetYuan'),
          sessions: t('procurement.tenders.sessions'),
          minWorkerVisits: t('procurement.tenders.minWorkerVisits'),
          periodStart: t('procurement.form.periodStart'),
          periodEnd: t('procurement.form.periodEnd'),
          eligibility: t('procurement.form.eligibility'),
          minGrade: t('procurement.form.minGrade'),
          weightPrice: t('procurement.form.weightPrice'),
          weightPlan: t('procurement.form.weightPlan'),
          weightTeam: t('procurement.form.weightTeam'),
          weightTrackRecord: t('procurement.form.weightTrackRecord'),
          questionDeadline: t('procurement.form.questionDeadline'),
          deadline: t('procurement.tenders.deadline'),
          minBids: t('procurement.form.minBids'),
          objectionDays: t('procurement.tenders.objectionDays'),
          attachments: t('procurement.form.attachments'),
        }}
      />
      {mode === 'amend' ? (
        <TextareaField
          meta={fields.rationale}
          label={t('procurement.form.rationale')}
          hint={t('procurement.form.rationaleHint', { days: amendmentNoticeDays })}
          rows={3}
        />
      ) : null}
      {unions ? (
        <SelectField
          meta={fields.unionId}
          label={t('procurement.tenders.union')}
          options={unions.map((u) => ({ value: u.id, label: u.name }))}
        />
      ) : null}
      <Field meta={fields.title} label={t('procurement.tenders.title')} />
      <SelectField
        meta={fields.category}
        label={t('procurement.tenders.category')}
        placeholder={t('common.choose')}
        options={categories.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
      />
      <TextareaField meta={fields.scope} label={t('procurement.tenders.scope')} />
      <Field meta={fields.budget} label={t('procurement.tenders.budgetYuan')} inputMode="decimal" />
      <Field meta={fields.sessions} label={t('procurement.tenders.sessions')} type="number" min={1} />
      <Field meta={fields.minWorkerVisits} label={t('procurement.tenders.minWorkerVisits')} type="number" min={0} />
      <div className="field-row">
        <Field meta={fields.periodStart} label={t('procurement.form.periodStart')} type="date" />
        <Field meta={fields.periodEnd} label={t('procurement.form.periodEnd')} type="date" />
      </div>
      <SelectField
        meta={fields.eligibility}
        label={t('procurement.form.eligibility')}
        options={eligibilities.map((e) => ({
          value: e,
          label: t(`procurement.eligibility.${e}`, { grade: t('procurement.form.chosenGrade') }),
        }))}
      />
      <SelectField
        meta={fields.minGrade}
        label={t('procurement.form.minGrade')}
        placeholder={t('procurement.form.noMinGrade')}
        options={passingGrades.map((g) => ({ value: g, label: t(`evaluation.grades.${g}`) }))}
      />
      <fieldset className="weights">
        <legend>{t('procurement.form.weights')}</legend>
        <p className="hint">{t('procurement.form.weightsHint')}</p>
        <div className="field-row">
          <Field meta={fields.weightPrice} label={t('procurement.form.weightPrice')} type="number" min={0} max={100} />
          <Field meta={fields.weightPlan} label={t('procurement.form.weightPlan')} type="number" min={0} max={100} />
          <Field meta={fields.weightTeam} label={t('procurement.form.weightTeam')} type="number" min={0} max={100} />
          <Field
            meta={fields.weightTrackRecord}
            label={t('procurement.form.weightTrackRecord')}
            type="number"
            min={0}
            max={100}
          />
        </div>
      </fieldset>
      <Field
        meta={fields.questionDeadline}
        label={t('procurement.form.questionDeadline')}
        type="datetime-local"
        hint={t('procurement.form.questionDeadlineHint')}
      />
      <Field
        meta={fields.deadline}
        label={t('procurement.tenders.deadline')}
        type="datetime-local"
        hint={t('procurement.form.deadlineMinimum', { days: biddingDays })}
      />
      <Field
        meta={fields.minBids}
        label={t('procurement.form.minBids')}
        type="number"
        min={1}
        hint={t('procurement.form.minBidsHint')}
      />
      <Field
        meta={fields.objectionDays}
        label={t('procurement.tenders.objectionDays')}
        type="number"
        min={0}
        max={30}
      />
      <Field
        meta={fields.attachments}
        label={t('procurement.form.attachments')}
        type="file"
        multiple
        hint={t('procurement.form.attachmentsHint', {
          files: attachmentLimits.maxFiles,
          megabytes: attachmentLimits.maxMegabytes,
        })}
      />
      <div className="actions">
        {mode === 'create' ? (
          <>
            <SubmitButton name="intent" value="publish">
              {t('procurement.tenders.publish')}
            </SubmitButton>
            <SubmitButton name="intent" value="draft" className="button secondary">
              {t('procurement.tenders.saveDraft')}
            </SubmitButton>
          </>
        ) : (
          <SubmitButton>
            {mode === 'amend' ? t('procurement.form.publishAmendment') : t('procurement.form.save')}
          </SubmitButton>
        )}
      </div>
    </Form>
  );
}
