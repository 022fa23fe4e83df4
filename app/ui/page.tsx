import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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

/** `namespace` lets a capability keep its state names in its own messages; the type check proves `${namespace}.${machine}` holds some. */
export function StateBadge<Machine extends string, Namespace extends string = 'states'>({
  machine,
  state,
  namespace = 'states' as Namespace,
}: {
  machine: Machine & ([KeysIn<`${Namespace}.${Machine}`>] extends [never] ? 'has no state names' : unknown);
  state: string;
  namespace?: Namespace;
}) {
  const { t } = useTranslation();
  return <span className={`badge badge-${state}`}>{t(`${namespace}.${machine}.${state}` as MessageKey)}</span>;
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
