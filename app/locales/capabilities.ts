import type { CapabilityMessages } from '~/lib/i18n';
import incubation from '~/incubation/messages';
import organizations from '~/organizations/messages';

// One line per capability that owns messages: `import x from '~/<capability>/messages';`
export const capabilityMessages: CapabilityMessages[] = [incubation, organizations];
