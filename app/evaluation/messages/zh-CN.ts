// The evaluation namespace: t('evaluation.<key>'). zh-TW.ts and en.ts have exactly these keys.
export default {
  title: '绩效评估',
  score: '综合得分',
  grade: '等级',
  completion: '完成率',
  satisfaction: '满意率',
};
