import type { CapabilityMessages } from '~/lib/i18n';
import procurement from '~/procurement/messages';

// One line per capability that owns messages: `import x from '~/<capability>/messages';`
export const capabilityMessages: CapabilityMessages[] = [procurement];
