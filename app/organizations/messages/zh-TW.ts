import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  type: '組織類型',
  creditCode: '統一社會信用代碼',
  teamSize: '團隊人數',
  volunteers: '志工人數',
  trackRecord: '平台履約紀錄',
} satisfies Translation<typeof zhCN>;
