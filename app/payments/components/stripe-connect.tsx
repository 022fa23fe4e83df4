import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { connectState } from '../connect.server';
import { SubmitButton } from '~/ui/form';
import { Section } from '~/ui/page';

/** Where the organization's Stripe account stands, and the owner's button to set it up. */
export function ConnectSection({
  connect,
  canConnect,
}: {
  connect: NonNullable<ReturnType<typeof connectState>>;
  canConnect: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('payments.connect.title')}>
      <p data-testid="connect-state">{t(`payments.connect.states.${connect.status}`)}</p>
      {canConnect && connect.status !== 'ready' ? (
        <Form method="post">
          <p className="hint">{t('payments.connect.explanation')}</p>
          <SubmitButton name="intent" value="connect">
            {connect.status === 'none' ? t('payments.connect.start') : t('payments.connect.continue')}
          </SubmitButton>
        </Form>
      ) : null}
    </Section>
  );
}
