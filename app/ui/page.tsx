import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from '~/lib/translation';
import type { KeysIn, MessageKey } from '~/lib/locale';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}

export function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

export function Stats({ children }: { children: ReactNode }) {
  return <dl className="stats">{children}</dl>;
}

/** A record's state in words: `states` is where its machine's state names are, e.g. 'procurement.states.tender'. */
export function StateBadge<States extends string>({
  states,
  state,
}: {
  states: States & ([KeysIn<States>] extends [never] ? 'has no state names' : unknown);
  state: string;
}) {
  const { t } = useTranslation();
  return <span className={`badge badge-${state}`}>{t(`${states}.${state}` as MessageKey)}</span>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Sub-navigation between the pages of one thing: a list of links, the current one marked. */
export function Tabs({ links }: { links: { to: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('nav.sections')}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
