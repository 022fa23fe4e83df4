import { organizationFacts } from './evaluations.server';
import { defaultModel, improvements, indicatorValues, weightedScore, type Model } from './model';
import { organizationFigures } from '~/delivery/figures.server';

/** The organization's live evaluation over all its contracts: its track record on this platform. */
export function organizationEvaluation(organizationId: number, model: Model = defaultModel) {
  const facts = organizationFacts(organizationId);
  const values = indicatorValues(facts);
  return {
    figures: organizationFigures(organizationId),
    facts,
    contractedSessions: facts.contractedSessions,
    indicators: values,
    weights: model.weights,
    model,
    result: weightedScore(values, model.weights),
    improvements: improvements(values, model),
  };
}

/** For tenders' track-record criterion and eligibility by grade: the live score and grade, or null. */
export function trackRecord(organizationId: number, model: Model = defaultModel) {
  return organizationEvaluation(organizationId, model).result;
}
