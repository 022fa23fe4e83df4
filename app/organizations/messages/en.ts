import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  type: 'Organization type',
  creditCode: 'Unified social credit code',
  teamSize: 'Team size',
  volunteers: 'Volunteers',
  trackRecord: 'Track record on the platform',
} satisfies Translation<typeof zhCN>;
