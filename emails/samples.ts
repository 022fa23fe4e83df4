import type { NotificationData } from '../app/notifications/notify.server';

/** Realistic data for every template: the template tests render each one with it. */
export const samples: { [T in keyof NotificationData]: NotificationData[T] } = {
  verify_email: { name: '周明', path: '/verify-email?token=sample' },
  password_reset: { name: '周明', path: '/reset-password?token=sample' },
  application_received: {
    organization: '象山县海上应急救援队',
    incubator: '象山县职工服务中心社会组织孵化基地',
    path: '/incubation/applications/1',
  },
  application_decided: {
    organization: '象山县海上应急救援队',
    incubator: '象山县职工服务中心社会组织孵化基地',
    decision: 'admitted',
    reason: '',
    path: '/incubation/applications/1',
  },
  tender_published: {
    title: '新就业形态劳动者心理关爱服务项目',
    union: '象山县总工会',
    deadline: '2026-06-30T07:00:00.000Z',
    path: '/tenders/1',
  },
  tender_amended: {
    title: '新就业形态劳动者心理关爱服务项目',
    rationale: '服务场次由 48 场调整为 64 场',
    deadline: '2026-07-05T07:00:00.000Z',
    path: '/tenders/1',
  },
  tender_cancelled: { title: '新就业形态劳动者心理关爱服务项目', reason: '预算调整', path: '/tenders/1' },
  question_answered: { title: '新就业形态劳动者心理关爱服务项目', path: '/tenders/1' },
  bid_receipt: {
    title: '新就业形态劳动者心理关爱服务项目',
    hash: '3f7a0c9d2b8e4f6a1c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b',
    submittedAt: '2026-06-20T02:30:00.000Z',
    path: '/tenders/1',
  },
  deadline_passed: { title: '新就业形态劳动者心理关爱服务项目', bids: 3, path: '/tenders/1/evaluate' },
  award_proposed: {
    title: '新就业形态劳动者心理关爱服务项目',
    organization: '象山县心理健康服务协会',
    objectionUntil: '2026-07-07T16:00:00.000Z',
    path: '/tenders/1',
  },
  award_final: {
    title: '新就业形态劳动者心理关爱服务项目',
    organization: '象山县心理健康服务协会',
    path: '/tenders/1',
  },
  objection_filed: {
    title: '新就业形态劳动者心理关爱服务项目',
    organization: '象山县法律援助中心',
    path: '/tenders/1',
  },
  objection_answered: { title: '新就业形态劳动者心理关爱服务项目', path: '/tenders/1' },
  contract_ready: { title: '新就业形态劳动者心理关爱服务项目', amountFen: 4_000_000, path: '/contracts/1' },
  commission_requested: {
    title: '心理知识讲座',
    union: '象山县总工会',
    sessions: 3,
    amountFen: 750_000,
    path: '/commissions',
  },
  commission_decided: {
    title: '心理知识讲座',
    organization: '象山县心理咨询师协会',
    decision: 'declined',
    reason: '档期已满。',
    path: '/commissions',
  },
  event_reminder: {
    title: '驿站法律与心理讲座',
    startsAt: '2026-07-15T06:00:00.000Z',
    address: '象山县丹东街道爱心驿站',
    path: '/events/1',
  },
  report_accepted: { title: '驿站法律与心理讲座', path: '/events/1' },
  report_returned: { title: '驿站法律与心理讲座', reason: '请补充现场照片和签到人数说明。', path: '/events/1' },
  evaluation_published: { organization: '象山县心理健康服务协会', score: 91.5, grade: 'excellent', path: '/orgs/1' },
  exit_review_decided: {
    organization: '象山县海上应急救援队',
    decision: 'graduate',
    reason: '孵化期内完成 64 场培训，评估等级优秀。',
    path: '/orgs/1',
  },
  milestone_due: { title: '新就业形态劳动者心理关爱服务项目', amountFen: 1_200_000, path: '/contracts/1' },
  milestone_paid: { title: '新就业形态劳动者心理关爱服务项目', amountFen: 1_200_000, path: '/contracts/1' },
};
