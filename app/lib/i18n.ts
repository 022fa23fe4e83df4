import { namespaces, resources } from '~/locales/resources.generated';
import { baseI18nOptions } from './locale';

export { fallbackLanguage, isLocale, supportedLanguages, type Locale } from './locale';
export { namespaces, resources };

export const i18nOptions = { ...baseI18nOptions, ns: [...namespaces], resources };
