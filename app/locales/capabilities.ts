import type { CapabilityMessages } from '~/lib/i18n';
import notifications from '~/notifications/messages';

// One line per capability that owns messages: `import x from '~/<capability>/messages';`
export const capabilityMessages: CapabilityMessages[] = [notifications];
