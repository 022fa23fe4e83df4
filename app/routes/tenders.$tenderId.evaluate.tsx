import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId.evaluate';
import { hasUnionRole, requireViewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { runClock } from '~/lib/background.server';
import { formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { evaluationView, proposeAward, scoreBid } from '~/procurement/evaluation.server';
import { scoreSchema } from '~/procurement/schemas';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';

export async function loader({ request, params }: Route.LoaderArgs) {
  runClock();
  const viewer = await requireViewer(request);
  const view = evaluationView(viewer, parseId(params.tenderId));
  return {
    locale: await getLocale(request),
    tender: { id: view.tender.id, title: view.tender.title, state: view.tender.state, weights: view.tender.weights },
    bids: view.bids.map((b) => ({ ...b, mine: view.myScores.filter((s) => s.bidId === b.id) })),
    ranking: view.ranking,
    canAward: hasUnionRole(viewer, view.tender.unionId, ['commissioner']) && view.tender.state === 'evaluating',
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tenderId = parseId(params.tenderId);
  const formData = await request.formData();
  if (formData.get('intent') === 'award') {
    const result = await attempt(() => proposeAward(viewer, tenderId, Number(formData.get('bidId'))));
    if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
    return redirect(result.value ? `/contracts/${result.value}` : `/tenders/${tenderId}`);
  }
  const submission = parseWithZod(formData, { schema: scoreSchema });
  if (submission.status !== 'success') return data({ failure: 'errors.scoreRange' }, { status: 400 });
  const result = await attempt(() => scoreBid(viewer, tenderId, submission.value));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/tenders/${tenderId}/evaluate`);
}

const scored = ['plan', 'team', 'track_record'] as const;

export default function Evaluate({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender, locale } = loaderData;
  const names = new Map(loaderData.bids.map((b) => [b.id, b.organizationName]));
  return (
    <>
      <PageHeader title={t('evaluate.title', { title: tender.title })}>
        <StateBadge machine="tender" state={tender.state} />
      </PageHeader>
      <ActionMessage failure={actionData?.failure} />
      <Section title={t('evaluate.ranking')}>
        <table data-testid="ranking">
          <thead>
            <tr>
              <th>{t('evaluate.organization')}</th>
              <th>{t('criteria.price')}</th>
              <th>{t('criteria.plan')}</th>
              <th>{t('criteria.team')}</th>
              <th>{t('criteria.track_record')}</th>
              <th>{t('evaluate.total')}</th>
              {loaderData.canAward ? <th>{t('evaluate.award')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {loaderData.ranking.map((r) => (
              <tr key={r.bidId}>
                <td>{names.get(r.bidId)}</td>
                <td>{r.parts.price.toFixed(1)}</td>
                <td>{r.parts.plan.toFixed(1)}</td>
                <td>{r.parts.team.toFixed(1)}</td>
                <td>{r.parts.track_record.toFixed(1)}</td>
                <td>{r.total.toFixed(1)}</td>
                {loaderData.canAward ? (
                  <td>
                    <Form method="post">
                      <input type="hidden" name="bidId" value={r.bidId} />
                      <SubmitButton name="intent" value="award">
                        {t('evaluate.awardTo', { organization: names.get(r.bidId) })}
                      </SubmitButton>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {loaderData.bids.map((bid) => (
        <Section key={bid.id} title={bid.organizationName}>
          <p>
            {t('bids.price')}：{formatMoney(bid.content.priceFen, locale)}
          </p>
          <h3>{t('bids.plan')}</h3>
          <p className="prose">{bid.content.plan}</p>
          {bid.content.team ? (
            <>
              <h3>{t('bids.team')}</h3>
              <p className="prose">{bid.content.team}</p>
            </>
          ) : null}
          <Form
            method="post"
            className="score-form"
            aria-label={t('evaluate.scoreFor', { organization: bid.organizationName })}
          >
            <input type="hidden" name="bidId" value={bid.id} />
            {scored.map((criterion) => (
              <div className="field inline" key={criterion}>
                <label htmlFor={`score-${bid.id}-${criterion}`}>{t(`criteria.${criterion}`)}（0–100）</label>
                <input
                  id={`score-${bid.id}-${criterion}`}
                  name={criterion}
                  type="number"
                  min={0}
                  max={100}
                  required
                  defaultValue={bid.mine.find((s) => s.criterion === criterion)?.score}
                />
              </div>
            ))}
            <div className="field">
              <label htmlFor={`comment-${bid.id}`}>{t('evaluate.comment')}</label>
              <textarea id={`comment-${bid.id}`} name="comment" rows={2} />
            </div>
            <SubmitButton>{t('evaluate.saveScore')}</SubmitButton>
          </Form>
        </Section>
      ))}
    </>
  );
}
