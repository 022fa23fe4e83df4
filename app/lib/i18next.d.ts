import type { namespaces, resources } from '~/locales/resources.generated';

// Typed keys: t('procurement.bid.saveDraft') and t('nav.home') are checked against zh-CN's messages,
// so a missing or misspelled key fails `npm run typecheck`. Listing every namespace as a default
// lets any t accept any namespace's keys with the namespace in front, as at runtime.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof namespaces;
    nsSeparator: '.';
    keySeparator: '.';
    resources: (typeof resources)['zh-CN'];
  }
}
