import type { CapabilityMessages } from '~/lib/i18n';
import payments from '~/payments/messages';

// One line per capability that owns messages: `import x from '~/<capability>/messages';`
export const capabilityMessages: CapabilityMessages[] = [payments];
