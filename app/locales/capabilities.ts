import type { CapabilityMessages } from '~/lib/i18n';
import accounts from '~/accounts/messages';
import audit from '~/audit/messages';
import catalog from '~/catalog/messages';
import delivery from '~/delivery/messages';
import evaluation from '~/evaluation/messages';
import http from '~/http/messages';
import incubation from '~/incubation/messages';
import invitations from '~/invitations/messages';
import notifications from '~/notifications/messages';
import organizations from '~/organizations/messages';
import payments from '~/payments/messages';
import procurement from '~/procurement/messages';
import reports from '~/reports/messages';

// One line per capability that owns messages: `import x from '~/<capability>/messages';`
export const capabilityMessages: CapabilityMessages[] = [
  delivery,
  catalog,
  payments,
  notifications,
  evaluation,
  reports,
  procurement,
  incubation,
  organizations,
  accounts,
  http,
  audit,
  invitations,
];
