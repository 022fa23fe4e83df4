// The organizations namespace: t('organizations.<key>'). zh-TW.ts and en.ts have exactly these keys.
export default {
  type: '组织类型',
  creditCode: '统一社会信用代码',
  teamSize: '团队人数',
  volunteers: '志愿者人数',
  trackRecord: '平台履约记录',
};
