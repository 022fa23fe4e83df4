import { useTranslation } from '~/lib/translation';
import { criteria } from '../machine';
import { formatDateTime, formatMoney } from '~/lib/format';
import { Section, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

type Change = { from: string | number | null; to: string | number | null };

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const moneyFields = new Set(['budgetFen', 'amountFen']);

/** A changed value as people read it: money in yuan, times in Beijing time, codes translated. */
function ChangeValue({ field, value, locale }: { field: string; value: string | number | null; locale: string }) {
  const { t } = useTranslation();
  if (value === null || value === '') return <>—</>;
  if (moneyFields.has(field) && typeof value === 'number') return <>{formatMoney(value, locale)}</>;
  if (typeof value === 'string' && isoDateTime.test(value)) return <>{formatDateTime(value, locale)}</>;
  if (field === 'category') return <>{t(messageKey('catalog.categories', value))}</>;
  if (field === 'eligibility') return <>{t(messageKey('procurement.eligibility', value), { grade: '' })}</>;
  if (field === 'minGrade') return <>{t(messageKey('evaluation.grades', value))}</>;
  return <>{String(value)}</>;
}

export function ChangeList({ changes, locale }: { changes: Record<string, Change>; locale: string }) {
  const { t } = useTranslation();
  return (
    <ul className="changes">
      {Object.entries(changes).map(([field, change]) => (
        <li key={field}>
          {t(messageKey('procurement.fields', field))}
          {t('punctuation.colon')}
          <ChangeValue field={field} value={change.from} locale={locale} /> →{' '}
          <ChangeValue field={field} value={change.to} locale={locale} />
        </li>
      ))}
    </ul>
  );
}

export function AmendmentHistory({
  amendments,
  locale,
}: {
  amendments: { id: number; rationale: string; changes: Record<string, Change>; createdAt: Date | string }[];
  locale: string;
}) {
  const { t } = useTranslation();
  if (!amendments.length) return null;
  return (
    <Section title={t('procurement.amendments')}>
      <ol className="history">
        {amendments.map((a) => (
          <li key={a.id}>
            <p>
              <strong>{formatDateTime(a.createdAt, locale)}</strong> · {a.rationale}
            </p>
            <ChangeList changes={a.changes} locale={locale} />
          </li>
        ))}
      </ol>
    </Section>
  );
}

type Parts = Record<(typeof criteria)[number], number>;

/** A table of weighted parts per criterion and the total. */
export function ScoreParts({ parts, total, testId }: { parts: Parts; total: number; testId?: string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      testId={testId}
      rows={[parts]}
      rowKey={() => 'parts'}
      columns={[
        ...criteria.map((c) => ({
          label: t(`procurement.criteria.${c}`),
          cell: (row: typeof parts) => row[c].toFixed(1),
        })),
        { label: t('procurement.evaluate.total'), cell: () => total.toFixed(1) },
      ]}
    />
  );
}

export function AwardNotice({
  award,
  state,
  locale,
}: {
  award: {
    organizationName: string;
    priceFen: number;
    parts: Parts;
    total: number;
    bidders: number;
    objectionEndsAt: Date | string | null;
    awardedAt: Date | string | null;
  };
  state: string;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <Section
      title={state === 'award_proposed' ? t('procurement.award.proposedTitle') : t('procurement.award.finalTitle')}
    >
      <Stats>
        <Stat label={t('procurement.award.winner')} value={award.organizationName} testId="award-winner" />
        <Stat label={t('procurement.award.price')} value={formatMoney(award.priceFen, locale)} />
        <Stat label={t('procurement.award.bidders')} value={award.bidders} />
        {state === 'award_proposed' && award.objectionEndsAt ? (
          <Stat label={t('procurement.award.objectionUntil')} value={formatDateTime(award.objectionEndsAt, locale)} />
        ) : null}
        {award.awardedAt ? (
          <Stat label={t('procurement.award.finalAt')} value={formatDateTime(award.awardedAt, locale)} />
        ) : null}
      </Stats>
      <ScoreParts parts={award.parts} total={award.total} testId="award-scores" />
      {state === 'award_proposed' ? <p className="hint">{t('procurement.award.objectionExplanation')}</p> : null}
    </Section>
  );
}

export function OwnScores({
  scores,
  locale,
}: {
  scores: {
    rank: number;
    bidders: number;
    priceFen: number;
    parts: Parts;
    total: number;
    reviewers: { number: number; scores: { criterion: string; score: number; comment: string }[] }[];
  };
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="own-scores">
      <h3>{t('procurement.ownScores.title')}</h3>
      <p>
        {t('procurement.ownScores.rank', { rank: scores.rank, bidders: scores.bidders })} ·{' '}
        {t('procurement.bids.price')}
        {t('punctuation.colon')}
        {formatMoney(scores.priceFen, locale)}
      </p>
      <ScoreParts parts={scores.parts} total={scores.total} />
      {scores.reviewers.map((r) => (
        <div key={r.number}>
          <h4>{t('procurement.ownScores.reviewer', { number: r.number })}</h4>
          <ul>
            {r.scores.map((s) => (
              <li key={s.criterion}>
                {t(messageKey('procurement.criteria', s.criterion))}
                {t('punctuation.colon')}
                {s.score}
                {s.comment ? ` — ${s.comment}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
