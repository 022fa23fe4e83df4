import { Link } from 'react-router';
import type { Facts } from '../indicators';
import type { ResponseKind, RiskIndicator } from '../indicators-list';
import { explainFlag } from '../explain';
import { formatMoney } from '~/lib/format';
import { useTranslation } from '~/lib/translation';

export type ShownFlag = {
  id: number;
  indicator: RiskIndicator;
  facts: Facts;
  valueFen: number;
  responses: { id: number; kind: ResponseKind; text: string; by: string }[];
};

/**
 * A tender's, commission's or contract's open red flags, on its page: for the union's staff with a
 * link to each flag's page; for everyone else (a tender after its award) the flags and responses only.
 */
export function FlagPanel({ flags, staff }: { flags: ShownFlag[]; staff: boolean }) {
  const { t, i18n } = useTranslation();
  if (!flags.length) return null;
  return (
    <section className="section" aria-labelledby="risk-flags-title" data-testid="risk-flags">
      <h2 id="risk-flags-title">{t('risk.onPage.title')}</h2>
      <p className="hint">{staff ? t('risk.onPage.staffNote') : t('risk.onPage.publicNote')}</p>
      <ul className="flag-list">
        {flags.map((flag) => (
          <li key={flag.id} data-testid={`flag-${flag.indicator}`}>
            <strong>{t(`risk.indicators.${flag.indicator}`)}</strong>{' '}
            <span className="hint">{formatMoney(flag.valueFen, i18n.language)}</span>
            <p>{explainFlag(t, i18n.language, flag)}</p>
            {flag.responses.map((r) => (
              <p key={r.id} className="hint">
                {t(`risk.responses.kinds.${r.kind}`)}
                {t('punctuation.colon')}
                {r.text}
              </p>
            ))}
            {staff ? <Link to={`/risk/${flag.id}`}>{t('risk.list.details')}</Link> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
