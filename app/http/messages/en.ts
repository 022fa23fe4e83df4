import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  crossSiteRefused: 'This request came from another site and was refused. Please submit it again from this site.',
  healthy: 'The service is up.',
  bodyTooLarge:
    'What you sent is larger than the {{size}} accepted here and was not received. Please make the attachments smaller or send less, then submit again.',
  unsupportedBody: "Only forms sent from this site's pages are accepted here; what was sent cannot be read.",
  unreadableForm:
    'The form that was sent is incomplete or damaged and could not be read. Please submit it again from the page.',
  badRequest: 'The address of this request could not be read. Please check that the link is complete.',
} satisfies Translation<typeof zhCN>;
