import type { TFunction } from 'i18next';
import { createContext, useContext } from 'react';
import type { Locale } from './locale';

export type Translation = { t: TFunction; i18n: { language: Locale } };

/** Typed as i18next's t, so that a misspelled or missing key fails `npm run typecheck` (app/lib/i18next.d.ts). */
export const withMessageKeys = (t: (key: string, values?: Record<string, unknown>) => string) =>
  t as unknown as TFunction;

/** Provided by <Translations> (app/lib/page-messages.tsx) in the root layout. */
export const TranslationContext = createContext<Translation | null>(null);

/**
 * The page's words in the person's language: `const { t } = useTranslation(); t('procurement.bid.saveDraft')`.
 * The same in the server's render and in the browser, which has no i18next (see page-messages.tsx).
 */
export function useTranslation(): Translation {
  const translation = useContext(TranslationContext);
  if (!translation) throw new Error('useTranslation() outside <Translations> (root.tsx)');
  return translation;
}
