import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  title: '績效評估',
  score: '綜合得分',
  grade: '等級',
  completion: '完成率',
  satisfaction: '滿意率',
} satisfies Translation<typeof zhCN>;
