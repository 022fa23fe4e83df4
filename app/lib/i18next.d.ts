import type { resources } from '~/locales/resources.generated';

type Messages = (typeof resources)['zh-CN'];
type Core = Messages['core'];
type Namespaces = { [N in keyof Messages | keyof Core]: N extends keyof Messages ? Messages[N] : Core[N & keyof Core] };

// Typed keys: t('procurement.bid.saveDraft') and t('nav.home') are checked against zh-CN's messages,
// so a missing or misspelled key fails `npm run typecheck`. The types split every key at its first
// '.', so they are also told core's groups (nav, errors…) as if each were a namespace: at run time
// those keys find no namespace of that name and read `core`, the same words.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: readonly ['core', ...(keyof Namespaces)[]];
    nsSeparator: '.';
    keySeparator: '.';
    resources: Namespaces;
  }
}
