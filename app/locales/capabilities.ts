import type { CapabilityMessages } from '~/lib/i18n';
import evaluation from '~/evaluation/messages';
import reports from '~/reports/messages';

// One line per capability that owns messages: `import x from '~/<capability>/messages';`
export const capabilityMessages: CapabilityMessages[] = [evaluation, reports];
