import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  title: 'Performance evaluation',
  score: 'Overall score',
  grade: 'Grade',
  completion: 'Completion rate',
  satisfaction: 'Satisfaction rate',
} satisfies Translation<typeof zhCN>;
