import { Form, Link } from 'react-router';
import { useTranslation } from '~/lib/translation';

/**
 * The confirm page of an irreversible command (GOV.UK's "check your answers"): what will happen and
 * to whom, what cannot be undone, the confirm button and a way back. It posts again what was
 * submitted, with `confirmed`; the action does nothing irreversible without it (decision 111).
 */
export function ConfirmPage({
  title,
  happens,
  cannotUndo,
  submit,
  fields,
  cancelTo,
}: {
  title: string;
  happens: string[];
  cannotUndo: string;
  submit: string;
  fields: Record<string, string>;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="confirm-page" aria-labelledby="confirm-title" data-testid="confirm-page">
      <title>{title}</title>
      <h1 id="confirm-title">{title}</h1>
      <h2>{t('confirm.whatHappens')}</h2>
      <ul>
        {happens.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="confirm-warning">
        <strong>{t('confirm.cannotUndo')}</strong>
        {cannotUndo}
      </p>
      <Form method="post">
        {Object.entries(fields).map(([name, value]) =>
          name === 'confirmed' ? null : <input key={name} type="hidden" name={name} value={value} />,
        )}
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" className="button warning">
          {submit}
        </button>{' '}
        <Link to={cancelTo}>{t('confirm.cancel')}</Link>
      </Form>
    </section>
  );
}
