import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { HydratedRouter } from 'react-router/dom';
import { baseI18nOptions } from '~/lib/locale';
import { loadAllMessages, readPageMessages } from '~/lib/page-messages';

async function hydrate() {
  const lng = document.documentElement.lang;
  const messages = readPageMessages();
  await i18next.use(initReactI18next).init({
    ...baseI18nOptions,
    lng,
    // The namespaces this page uses; i18next adds the others as loadAllMessages brings them.
    ns: Object.keys(messages),
    resources: { [lng]: messages },
    // The rest of the language arrives after hydration (loadAllMessages): re-render with it.
    react: { bindI18nStore: 'added' },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    );
  });
  await loadAllMessages(i18next);
}

void hydrate();
