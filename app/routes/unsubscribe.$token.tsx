import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import type { Route } from './+types/unsubscribe.$token';
import { getT } from '~/lib/i18n.server';
import { readUnsubscribeToken, unsubscribe } from '~/notifications/preferences.server';
import { SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

// Works without logging in: the signed link is the authority. Opening it only asks; the button —
// or a mail client's RFC 8058 one-click POST to the same address — turns that one email off.

export async function loader({ request, params }: Route.LoaderArgs) {
  const t = await getT(request);
  const target = readUnsubscribeToken(params.token);
  return { title: t('notifications.unsubscribe.title'), template: target?.template ?? null };
}

export async function action({ params }: Route.ActionArgs) {
  const target = unsubscribe(params.token);
  if (!target) throw new Response('Not Found', { status: 404 });
  return { done: true };
}

export default function Unsubscribe({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { template } = loaderData;
  const kind = template ? t(`notifications.kinds.${template}`) : '';
  return (
    <div className="narrow">
      <PageHeader title={t('notifications.unsubscribe.title')} />
      {!template ? (
        <p className="alert" role="alert">
          {t('notifications.unsubscribe.invalid')}
        </p>
      ) : actionData?.done ? (
        <p className="notice" role="status">
          {t('notifications.unsubscribe.done', { kind })}
        </p>
      ) : (
        <Form method="post">
          <p>{t('notifications.unsubscribe.question', { kind })}</p>
          <SubmitButton>{t('notifications.unsubscribe.confirm')}</SubmitButton>
        </Form>
      )}
      <p>
        <Link to="/notifications/preferences">{t('notifications.preferences')}</Link>
      </p>
    </div>
  );
}
