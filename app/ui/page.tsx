import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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

/** `namespace` lets a capability keep its state names in its own messages. */
export function StateBadge({
  machine,
  state,
  namespace = 'states',
}: {
  machine: string;
  state: string;
  namespace?: string;
}) {
  const { t } = useTranslation();
  return <span className={`badge badge-${state}`}>{t(`${namespace}.${machine}.${state}`)}</span>;
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
