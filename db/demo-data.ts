// Demo county modelled on the seed reports (mainly 象山县, seeds/001). Money is in fen.
// Credit codes are invented but pass the GB 32100 check; phone numbers are placeholders.

import type { Category } from '../app/catalog/taxonomy';

/**
 * Days relative to the day the seed runs (negative = past), so that published tenders are still
 * open and delivered events stay in the past whenever the demo is rebuilt.
 */
export type DayOffset = number;

// ---------------------------------------------------------------------------------------------
// Unions

export type UnionLevel = 'city' | 'county' | 'township';

export interface DemoUnion {
  key: string;
  name: string;
  level: UnionLevel;
  parentKey: string | null;
  /** 行政区划代码, for city and county unions. */
  regionCode: string | null;
  /** The township's area, as named in offerings' `areas`; township unions only. */
  area: Area | null;
}

export const unions: DemoUnion[] = [
  { key: 'ningbo', name: '宁波市总工会', level: 'city', parentKey: null, regionCode: '330200', area: null },
  { key: 'xiangshan', name: '象山县总工会', level: 'county', parentKey: 'ningbo', regionCode: '330225', area: null },
  {
    key: 'dandong',
    name: '丹东街道总工会',
    level: 'township',
    parentKey: 'xiangshan',
    regionCode: null,
    area: '丹东街道',
  },
  {
    key: 'danxi',
    name: '丹西街道总工会',
    level: 'township',
    parentKey: 'xiangshan',
    regionCode: null,
    area: '丹西街道',
  },
  { key: 'shipu', name: '石浦镇总工会', level: 'township', parentKey: 'xiangshan', regionCode: null, area: '石浦镇' },
];

export const DEMO_COUNTY_UNION_KEY = 'xiangshan';
export const AREAS = ['丹东街道', '丹西街道', '石浦镇'] as const;
export type Area = (typeof AREAS)[number];

// ---------------------------------------------------------------------------------------------
// Departments of the county union

export interface DemoDepartment {
  key: string;
  unionKey: string;
  name: string;
  /** Annual service-purchase budget. */
  annualBudgetFen: number;
}

export const departments: DemoDepartment[] = [
  { key: 'propaganda', unionKey: 'xiangshan', name: '宣传教育和网络工作部', annualBudgetFen: 60_000_000 },
  { key: 'organization', unionKey: 'xiangshan', name: '组织人事和基层工作部', annualBudgetFen: 30_000_000 },
  { key: 'rights', unionKey: 'xiangshan', name: '权益保障部', annualBudgetFen: 40_000_000 },
  { key: 'service_center', unionKey: 'xiangshan', name: '职工服务中心', annualBudgetFen: 50_000_000 },
  { key: 'finance', unionKey: 'xiangshan', name: '财务资产部', annualBudgetFen: 0 },
];

// ---------------------------------------------------------------------------------------------
// Accounts

export type StaffRole =
  'platform_admin' | 'admin' | 'commissioner' | 'reviewer' | 'finance' | 'incubator_manager' | 'leadership' | 'auditor';

export interface DemoStaffAccount {
  email: string;
  name: string;
  roles: StaffRole[];
  /** null only for the platform admin. */
  unionKey: string | null;
  departmentKey: string | null;
}

export const staffAccounts: DemoStaffAccount[] = [
  {
    email: 'platform@demo.gonghui.cn',
    name: '平台管理员',
    roles: ['platform_admin'],
    unionKey: null,
    departmentKey: null,
  },
  {
    email: 'admin@demo.gonghui.cn',
    name: '林晓燕',
    roles: ['admin'],
    unionKey: 'xiangshan',
    departmentKey: 'organization',
  },
  {
    email: 'commissioner@demo.gonghui.cn',
    name: '陈雅琴',
    roles: ['commissioner'],
    unionKey: 'xiangshan',
    departmentKey: 'propaganda',
  },
  {
    email: 'reviewer@demo.gonghui.cn',
    name: '王建国',
    roles: ['reviewer'],
    unionKey: 'xiangshan',
    departmentKey: 'organization',
  },
  {
    email: 'finance@demo.gonghui.cn',
    name: '李秀芬',
    roles: ['finance'],
    unionKey: 'xiangshan',
    departmentKey: 'finance',
  },
  {
    email: 'incubator@demo.gonghui.cn',
    name: '郑海燕',
    roles: ['incubator_manager'],
    unionKey: 'xiangshan',
    departmentKey: 'service_center',
  },
  {
    email: 'leadership@demo.gonghui.cn',
    name: '徐志远',
    roles: ['leadership'],
    unionKey: 'xiangshan',
    departmentKey: null,
  },
  // Shows that one person may hold several roles.
  {
    email: 'rights@demo.gonghui.cn',
    name: '张立群',
    roles: ['commissioner', 'reviewer'],
    unionKey: 'xiangshan',
    departmentKey: 'rights',
  },
  // The union's audit committee (经审): reads the red flags and answers them, changes nothing else.
  {
    email: 'auditor@demo.gonghui.cn',
    name: '何文静',
    roles: ['auditor'],
    unionKey: 'xiangshan',
    departmentKey: null,
  },
];

// ---------------------------------------------------------------------------------------------
// Incubator

/**
 * A staff invitation not yet accepted, so the invitation lists show one. Its link was never emailed
 * (the seed writes no outbox mail): resending it from /unions/:unionId/invitations sends a working one.
 */
export const pendingStaffInvitation = {
  unionKey: 'xiangshan',
  departmentKey: 'rights',
  email: 'new-reviewer@demo.gonghui.cn',
  role: 'reviewer',
  inviterEmail: 'platform@demo.gonghui.cn',
} as const;

export interface DemoRoom {
  name: string;
  capacity: number;
}

export interface DemoIncubator {
  key: string;
  name: string;
  unionKey: string;
  hostDepartmentKey: string;
  address: string;
  openedOn: string;
  rulesTitle: string;
  rooms: DemoRoom[];
}

export const incubator: DemoIncubator = {
  key: 'xiangshan-incubator',
  name: '象山县总工会社会组织孵化基地',
  unionKey: 'xiangshan',
  hostDepartmentKey: 'service_center',
  address: '象山县丹东街道象山县职工服务中心二楼',
  openedOn: '2020-04-28',
  rulesTitle: '社会组织进入、退出及评估制度',
  rooms: [
    { name: '多功能活动室', capacity: 60 },
    { name: '培训教室', capacity: 40 },
    { name: '心理咨询室', capacity: 6 },
    { name: '洽谈室', capacity: 10 },
    { name: '共享办公区', capacity: 20 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Social organizations

export type OrgType = 'social_group' | 'social_service' | 'foundation' | 'grassroots';

export interface DemoOrganization {
  key: string;
  name: string;
  type: OrgType;
  /** 18-character 统一社会信用代码; null exactly when type is 'grassroots'. */
  creditCode: string | null;
  fields: Category[];
  description: string;
  contactName: string;
  contactPhone: string;
  teamSize: number;
  volunteers: number;
  foundedOn: string;
  ownerEmail: string;
  incubatorResident: boolean;
}

export const organizations: DemoOrganization[] = [
  {
    key: 'rescue',
    name: '象山县雄鹰应急救援队',
    type: 'social_service',
    creditCode: '52330225MJ87163015',
    fields: ['rescue_training', 'volunteer_service'],
    description:
      '组建于2014年的民间救援团队，2015年成立全省首家社会组织工会，参与过“利奇马”台风抢险、走失人员搜救等任务，为职工开展防溺水等安全知识培训。',
    contactName: '胡可',
    contactPhone: '13800000101',
    teamSize: 55,
    volunteers: 120,
    foundedOn: '2014-05-12',
    ownerEmail: 'rescue@demo.gonghui.cn',
    incubatorResident: false,
  },
  {
    key: 'psych',
    name: '象山县心理咨询师协会',
    type: 'social_group',
    creditCode: '51330225MJ8830526U',
    fields: ['counselling'],
    description:
      '由陈慧香带领的心理学习小组发展而来，一年承接64场心理知识讲座；每次开课前都在团队内部试讲，讲得好才安排上台。',
    contactName: '陈慧香',
    contactPhone: '13800000102',
    teamSize: 18,
    volunteers: 30,
    foundedOn: '2016-03-18',
    ownerEmail: 'psych@demo.gonghui.cn',
    incubatorResident: true,
  },
  {
    key: 'arts',
    name: '象山县职工艺术团',
    type: 'social_group',
    creditCode: '51330225MJ8652918G',
    fields: ['performance'],
    description: '“文艺轻骑兵”的依托团队，把职工喜闻乐见的文艺作品以“快闪”形式送到车间、食堂和建筑工地。',
    contactName: '叶丽君',
    contactPhone: '13800000103',
    teamSize: 42,
    volunteers: 15,
    foundedOn: '2012-09-01',
    ownerEmail: 'arts@demo.gonghui.cn',
    incubatorResident: true,
  },
  {
    key: 'mediation',
    name: '丹东街道老周劳动关系调处工作室',
    type: 'social_service',
    creditCode: '52330225MJ910274XQ',
    fields: ['mediation', 'legal_aid'],
    description:
      '负责人周万立曾任基层信访办主任15年，坚持“随叫随到、立即响应”；近一年调解矛盾纠纷200多起，接待450多人，涉及资金1288万元。',
    contactName: '周万立',
    contactPhone: '13800000104',
    teamSize: 5,
    volunteers: 0,
    foundedOn: '2019-04-15',
    ownerEmail: 'mediation@demo.gonghui.cn',
    incubatorResident: false,
  },
  {
    key: 'volunteer',
    name: '象山绿丝带志愿者协会',
    type: 'social_group',
    creditCode: '51330225MJ86093542',
    fields: ['volunteer_service', 'rescue_training', 'hardship_followup'],
    description: '全县规模较大的志愿服务组织，常年在户外劳动者驿站开展志愿服务，参与困难帮扶，并组织应急救护志愿培训。',
    contactName: '孙波芳',
    contactPhone: '13800000105',
    teamSize: 20,
    volunteers: 600,
    foundedOn: '2013-11-09',
    ownerEmail: 'volunteer@demo.gonghui.cn',
    incubatorResident: true,
  },
  {
    key: 'matchmaking',
    name: '象山县缘来有约婚恋服务中心',
    type: 'social_service',
    creditCode: '52330225MJ9135082E',
    fields: ['matchmaking'],
    description: '专业“红娘”组织，为单身职工和外来务工青年策划联谊交友活动，帮助他们安心扎根象山。',
    contactName: '何利彩',
    contactPhone: '13800000106',
    teamSize: 8,
    volunteers: 20,
    foundedOn: '2019-08-08',
    ownerEmail: 'matchmaking@demo.gonghui.cn',
    incubatorResident: true,
  },
  {
    key: 'legal',
    name: '象山县律师协会',
    type: 'social_group',
    creditCode: '51330225MJ8540262J',
    fields: ['legal_aid', 'mediation'],
    description: '组织执业律师为职工提供法律咨询和企业“法律体检”，协助工会开展劳动争议调处。',
    contactName: '俞建华',
    contactPhone: '13800000107',
    teamSize: 160,
    volunteers: 35,
    foundedOn: '1995-06-20',
    ownerEmail: 'legal@demo.gonghui.cn',
    incubatorResident: false,
  },
  {
    key: 'childcare',
    name: '象山县七彩假期青少年服务中心',
    type: 'social_service',
    creditCode: '52330225MJ9417629N',
    fields: ['childcare'],
    description:
      '为7至12岁的职工子女开办暑假爱心托管班，设置作业辅导、启迪智慧、陶冶情操等课程，让农民工和新就业形态劳动者安心上班。',
    contactName: '吴晓敏',
    contactPhone: '13800000108',
    teamSize: 12,
    volunteers: 25,
    foundedOn: '2021-06-01',
    ownerEmail: 'childcare@demo.gonghui.cn',
    incubatorResident: true,
  },
  {
    key: 'career',
    name: '象山县启航职业发展服务中心',
    type: 'social_service',
    creditCode: '52330225MJ9520378F',
    fields: ['career_planning', 'skills_training', 'counselling'],
    description: '面向青年职工和新就业形态劳动者开展职业规划、技能培训和求职心理辅导。',
    contactName: '邵敏杰',
    contactPhone: '13800000109',
    teamSize: 9,
    volunteers: 10,
    foundedOn: '2022-03-15',
    ownerEmail: 'career@demo.gonghui.cn',
    incubatorResident: true,
  },
  {
    key: 'health',
    name: '象山县惠工公益基金会',
    type: 'foundation',
    creditCode: '53330225MJ93081584',
    fields: ['health_care'],
    description: '资助并组织女职工“两癌”筛查和户外劳动者健康义诊，把健康关爱送到驿站和企业。',
    contactName: '鲍雪芬',
    contactPhone: '13800000110',
    teamSize: 6,
    volunteers: 40,
    foundedOn: '2020-10-01',
    ownerEmail: 'health@demo.gonghui.cn',
    incubatorResident: false,
  },
  {
    key: 'sports',
    name: '象山县气排球协会',
    type: 'social_group',
    creditCode: '51330225MJ8927643P',
    fields: ['sports_culture'],
    description: '熟悉赛事规则和裁判工作，承接职工气排球比赛的组织、编排和裁判服务。',
    contactName: '励国平',
    contactPhone: '13800000111',
    teamSize: 25,
    volunteers: 60,
    foundedOn: '2017-05-20',
    ownerEmail: 'sports@demo.gonghui.cn',
    incubatorResident: false,
  },
  {
    key: 'hardship',
    name: '象山县同心爱心帮扶会',
    type: 'social_group',
    creditCode: '51330225MJ90612395',
    fields: ['hardship_followup', 'volunteer_service'],
    description: '把单一的爱心捐赠升级为常态性帮扶，针对困难职工脱困后又返贫的现象开展“回头看”关心关爱服务。',
    contactName: '金美华',
    contactPhone: '13800000112',
    teamSize: 15,
    volunteers: 80,
    foundedOn: '2018-12-01',
    ownerEmail: 'hardship@demo.gonghui.cn',
    incubatorResident: true,
  },
  {
    key: 'community',
    name: '“261爱乐益”志愿者服务队',
    type: 'grassroots',
    creditCode: null,
    fields: ['volunteer_service'],
    description:
      '塔山社区丹峰东路沿街商户在社区联合工会牵头下组成的草根队伍，261米是这条街的长度，免费为居民提供理发、艾灸、量血压等服务。',
    contactName: '吴祥云',
    contactPhone: '13800000113',
    teamSize: 6,
    volunteers: 32,
    foundedOn: '2021-03-05',
    ownerEmail: 'community@demo.gonghui.cn',
    incubatorResident: true,
  },
];

export interface DemoOrgOwnerAccount {
  email: string;
  name: string;
  orgKey: string;
}

export const orgOwnerAccounts: DemoOrgOwnerAccount[] = organizations.map((o) => ({
  email: o.ownerEmail,
  name: o.contactName,
  orgKey: o.key,
}));

// ---------------------------------------------------------------------------------------------
// Offerings

export type OfferingFormat = 'on_site' | 'station' | 'online';

export interface DemoOffering {
  key: string;
  orgKey: string;
  title: string;
  category: Category;
  description: string;
  format: OfferingFormat;
  durationMinutes: number;
  capacity: number;
  /** Price per session. */
  priceFen: number;
  areas: Area[];
  /** When it went into the catalog: before any commission or contract from it. */
  publishedDay: DayOffset;
}

const ALL_AREAS: Area[] = ['丹东街道', '丹西街道', '石浦镇'];

export const offerings: DemoOffering[] = [
  {
    key: 'rescue-drowning',
    orgKey: 'rescue',
    title: '防溺水与水上救援技能培训',
    category: 'rescue_training',
    description: '讲解溺水自救与岸上施救要点，现场演示抛投救生器材和冲锋舟救援。',
    format: 'on_site',
    durationMinutes: 120,
    capacity: 60,
    priceFen: 300_000,
    areas: ALL_AREAS,
    publishedDay: -260,
  },
  {
    key: 'rescue-cpr',
    orgKey: 'rescue',
    title: '应急救援与心肺复苏实操培训',
    category: 'rescue_training',
    description: '由持证救援队员带教心肺复苏、AED使用和常见外伤包扎，人人上手练习。',
    format: 'on_site',
    durationMinutes: 180,
    capacity: 40,
    priceFen: 350_000,
    areas: ALL_AREAS,
    publishedDay: -95,
  },
  {
    key: 'psych-lecture',
    orgKey: 'psych',
    title: '心理知识讲座',
    category: 'counselling',
    description: '围绕压力管理、情绪调适、亲子沟通等主题进企业、进食堂开讲，每场讲师均经团队内部试讲把关。',
    format: 'on_site',
    durationMinutes: 90,
    capacity: 80,
    priceFen: 250_000,
    areas: ALL_AREAS,
    publishedDay: -240,
  },
  {
    key: 'psych-care',
    orgKey: 'psych',
    title: '职工心理关爱',
    category: 'counselling',
    description: '心理咨询师驻点户外劳动者驿站，提供一对一情绪疏导和心理测评。',
    format: 'station',
    durationMinutes: 120,
    capacity: 20,
    priceFen: 180_000,
    areas: ['丹东街道', '丹西街道'],
    publishedDay: -120,
  },
  {
    key: 'arts-flashmob',
    orgKey: 'arts',
    title: '文艺轻骑兵“快闪”慰问演出',
    category: 'performance',
    description: '利用午休时间在车间、食堂和工地开展歌舞“快闪”，不需要舞台和灯光。',
    format: 'on_site',
    durationMinutes: 40,
    capacity: 300,
    priceFen: 600_000,
    areas: ALL_AREAS,
    publishedDay: -180,
  },
  {
    key: 'mediation-dispute',
    orgKey: 'mediation',
    title: '劳资纠纷“老娘舅”调解',
    category: 'mediation',
    description: '接到电话立即赶赴现场，联合律师和社工全程跟踪，直至欠薪等纠纷化解。',
    format: 'on_site',
    durationMinutes: 120,
    capacity: 10,
    priceFen: 150_000,
    areas: ['丹东街道', '丹西街道'],
    publishedDay: -150,
  },
  {
    key: 'volunteer-station',
    orgKey: 'volunteer',
    title: '户外劳动者驿站志愿服务',
    category: 'volunteer_service',
    description: '志愿者在驿站为快递员、外卖骑手和环卫工人提供饮水热饭、手机充电和应急药品等服务。',
    format: 'station',
    durationMinutes: 240,
    capacity: 50,
    priceFen: 80_000,
    areas: ALL_AREAS,
    publishedDay: -210,
  },
  {
    key: 'volunteer-first-aid',
    orgKey: 'volunteer',
    title: '职工应急救援常识培训',
    category: 'rescue_training',
    description: '志愿救护员讲解中暑、外伤等户外常见险情的现场处置，适合一线作业班组。',
    format: 'on_site',
    durationMinutes: 90,
    capacity: 50,
    priceFen: 200_000,
    areas: ALL_AREAS,
    publishedDay: -60,
  },
  {
    key: 'matchmaking-mixer',
    orgKey: 'matchmaking',
    title: '单身职工联谊交友活动',
    category: 'matchmaking',
    description: '以户外拓展、手工体验等轻松形式组织单身职工相识交流，活动后提供一对一牵线跟进。',
    format: 'on_site',
    durationMinutes: 180,
    capacity: 60,
    priceFen: 800_000,
    areas: ALL_AREAS,
    publishedDay: -45,
  },
  {
    key: 'legal-checkup',
    orgKey: 'legal',
    title: '企业“法律体检”进车间',
    category: 'legal_aid',
    description: '律师团队走进企业排查劳动合同、工时和工资支付等用工风险，并现场解答职工咨询。',
    format: 'on_site',
    durationMinutes: 120,
    capacity: 50,
    priceFen: 300_000,
    areas: ALL_AREAS,
    publishedDay: -200,
  },
  {
    key: 'legal-online',
    orgKey: 'legal',
    title: '新就业形态劳动者线上法律咨询',
    category: 'legal_aid',
    description: '律师每周固定时段在线答疑，解答骑手、网约车司机关于劳动报酬和事故理赔的问题。',
    format: 'online',
    durationMinutes: 120,
    capacity: 100,
    priceFen: 120_000,
    areas: ALL_AREAS,
    publishedDay: -30,
  },
  {
    key: 'childcare-summer',
    orgKey: 'childcare',
    title: '职工子女暑期爱心托管班',
    category: 'childcare',
    description: '面向7至12岁职工子女，每天安排作业辅导、科普手工和阅读课程，工作日全天托管。',
    format: 'on_site',
    durationMinutes: 480,
    capacity: 80,
    priceFen: 380_000,
    areas: ['丹东街道', '丹西街道'],
    publishedDay: -25,
  },
  {
    key: 'career-workshop',
    orgKey: 'career',
    title: '青年职工职业规划工作坊',
    category: 'career_planning',
    description: '通过职业测评和小组研讨帮助青年职工和骑手梳理职业方向，制定个人成长计划。',
    format: 'on_site',
    durationMinutes: 120,
    capacity: 40,
    priceFen: 250_000,
    areas: ALL_AREAS,
    publishedDay: -130,
  },
  {
    key: 'career-skills',
    orgKey: 'career',
    title: '新就业形态劳动者技能提升培训',
    category: 'skills_training',
    description: '开设电动车安全驾驶、客户沟通和短视频运营等实用课程，结业颁发培训证书。',
    format: 'on_site',
    durationMinutes: 180,
    capacity: 50,
    priceFen: 350_000,
    areas: ALL_AREAS,
    publishedDay: -40,
  },
  {
    key: 'health-screening',
    orgKey: 'health',
    title: '女职工“两癌”免费筛查',
    category: 'health_care',
    description: '联合定点医院为新就业形态女性劳动者和一线女职工提供宫颈癌、乳腺癌免费筛查。',
    format: 'on_site',
    durationMinutes: 240,
    capacity: 100,
    priceFen: 1_200_000,
    areas: ALL_AREAS,
    publishedDay: -220,
  },
  {
    key: 'health-clinic',
    orgKey: 'health',
    title: '户外劳动者健康义诊进驿站',
    category: 'health_care',
    description: '医护志愿者到驿站为户外劳动者量血压、测血糖并提供防暑降温和慢病用药指导。',
    format: 'station',
    durationMinutes: 180,
    capacity: 60,
    priceFen: 200_000,
    areas: ALL_AREAS,
    publishedDay: -170,
  },
  {
    key: 'sports-volleyball',
    orgKey: 'sports',
    title: '职工气排球比赛组织与裁判服务',
    category: 'sports_culture',
    description: '负责赛程编排、场地布置和全程裁判，赛前为参赛队讲解规则。',
    format: 'on_site',
    durationMinutes: 480,
    capacity: 120,
    priceFen: 1_500_000,
    areas: ALL_AREAS,
    publishedDay: -90,
  },
  {
    key: 'hardship-revisit',
    orgKey: 'hardship',
    title: '困难职工“回头看”走访关爱',
    category: 'hardship_followup',
    description: '定期入户走访已解困职工，了解就业、就医和子女就学情况，防止解困后又返困。',
    format: 'on_site',
    durationMinutes: 120,
    capacity: 10,
    priceFen: 120_000,
    areas: ALL_AREAS,
    publishedDay: -110,
  },
  {
    key: 'community-street',
    orgKey: 'community',
    title: '“志愿服务一条街”便民服务',
    category: 'volunteer_service',
    description: '沿街商户志愿者在丹峰东路为社区职工群众免费理发、艾灸、量血压，开展陶艺体验。',
    format: 'on_site',
    durationMinutes: 180,
    capacity: 100,
    priceFen: 50_000,
    areas: ['丹东街道'],
    publishedDay: -15,
  },
];

// ---------------------------------------------------------------------------------------------
// Tenders

export type TenderState =
  'draft' | 'published' | 'closed' | 'evaluating' | 'awarded' | 'contracted' | 'cancelled' | 'unsuccessful';

export interface DemoCriterion {
  name: string;
  /** Percent; the weights of one tender add up to 100. */
  weight: number;
}

export const DEFAULT_CRITERIA: DemoCriterion[] = [
  { name: '服务方案', weight: 40 },
  { name: '报价', weight: 30 },
  { name: '团队与专业能力', weight: 20 },
  { name: '以往履约评价', weight: 10 },
];

export interface DemoBid {
  orgKey: string;
  /** Total price for the whole tender. */
  priceFen: number;
  plan: string;
  /** Submitted this many minutes before the deadline (two days before when left out). */
  minutesBeforeDeadline?: number;
  /** Scored 0 throughout by the panel: rejected as non-compliant. */
  rejected?: boolean;
}

export interface DemoTender {
  key: string;
  title: string;
  scope: string;
  category: Category;
  departmentKey: string;
  /** Budget ceiling for the whole tender. */
  budgetFen: number;
  sessions: number;
  minWorkerVisits: number;
  residentsOnly: boolean;
  state: TenderState;
  /** null while still a draft. */
  publishedDay: DayOffset | null;
  deadlineDay: DayOffset;
  serviceStartDay: DayOffset;
  serviceEndDay: DayOffset;
  bids: DemoBid[];
  /** Set for 'awarded' and 'contracted'; the winner is one of the bidders, at its bid price. */
  award: { orgKey: string; priceFen: number } | null;
  /** Why a cancelled or unsuccessful tender ended. */
  endReason?: string;
  /** An amendment (while it was open for bids) moved the deadline here from this later day. */
  earlierDeadline?: { fromDay: DayOffset; rationale: string };
  /** The second reviewer's score of the winner on one criterion, far from the first's. */
  outlierScore?: { criterion: 'plan' | 'team' | 'track_record'; score: number };
  /** The contract amended after signing: its service period extended by this many days, and why. */
  extension?: { days: number; rationale: string };
  /** Every milestone of the contract paid, whatever was delivered. */
  paidInFull?: boolean;
}

export const tenders: DemoTender[] = [
  {
    key: 'psych-2026',
    title: '新就业形态劳动者心理健康服务项目',
    scope:
      '全年在企业食堂、户外劳动者驿站和社区开展心理知识讲座64场，覆盖职工不少于3000人次，讲座后提供心理测评和个别疏导转介。',
    category: 'counselling',
    departmentKey: 'propaganda',
    budgetFen: 18_000_000,
    sessions: 64,
    minWorkerVisits: 3000,
    residentsOnly: true,
    state: 'contracted',
    publishedDay: -230,
    deadlineDay: -210,
    serviceStartDay: -190,
    serviceEndDay: 170,
    bids: [
      {
        orgKey: 'psych',
        priceFen: 15_360_000,
        plan: '按月排课，每月5至6场；每场讲座前团队内部试讲，讲后收集满意度并对高风险职工转介一对一咨询。',
      },
      {
        orgKey: 'career',
        priceFen: 16_640_000,
        plan: '将心理讲座与职业发展辅导结合，重点面向外卖骑手和快递员，晚间在驿站开讲。',
      },
    ],
    award: { orgKey: 'psych', priceFen: 15_360_000 },
  },
  {
    key: 'arts-2026',
    title: '文艺轻骑兵“快闪”慰问演出项目',
    scope: '全年深入车间、食堂和建筑工地开展“快闪”慰问演出18场，每场观众不少于150人，节目须贴近一线职工生活。',
    category: 'performance',
    departmentKey: 'propaganda',
    budgetFen: 12_000_000,
    sessions: 18,
    minWorkerVisits: 2700,
    residentsOnly: false,
    state: 'contracted',
    publishedDay: -200,
    deadlineDay: -185,
    serviceStartDay: -170,
    serviceEndDay: 30,
    bids: [
      {
        orgKey: 'arts',
        priceFen: 10_800_000,
        plan: '组建两支轻骑兵小分队轮流出演，利用午休30至40分钟完成一场，节目含舞蹈、越剧选段和情景小品。',
        minutesBeforeDeadline: 20,
      },
    ],
    award: { orgKey: 'arts', priceFen: 10_800_000 },
    outlierScore: { criterion: 'team', score: 55 },
    extension: { days: 45, rationale: '部分演出因台风顺延，服务期延长45天。' },
  },
  {
    key: 'hardship-2026',
    title: '困难职工“回头看”关爱帮扶项目',
    scope: '对近三年已解困的困难职工家庭开展“回头看”走访和帮扶活动12次，服务不少于240人次，逐户建立跟踪台账。',
    category: 'hardship_followup',
    departmentKey: 'service_center',
    budgetFen: 3_000_000,
    sessions: 12,
    minWorkerVisits: 240,
    residentsOnly: true,
    state: 'contracted',
    publishedDay: -160,
    deadlineDay: -145,
    serviceStartDay: -130,
    serviceEndDay: 60,
    bids: [
      {
        orgKey: 'hardship',
        priceFen: 2_880_000,
        plan: '会员结对包户，每季度入户一次，发现返困苗头当周报告工会并协调就业、医疗救助。',
      },
      {
        orgKey: 'volunteer',
        priceFen: 2_950_000,
        plan: '由街道志愿服务队分片走访，结合节日慰问开展集中帮扶活动。',
        rejected: true,
      },
    ],
    award: { orgKey: 'hardship', priceFen: 2_880_000 },
    paidInFull: true,
  },
  {
    key: 'rescue-2026',
    title: '职工防溺水及应急救援技能培训项目',
    scope: '面向一线职工和户外劳动者开展防溺水、心肺复苏等应急救援培训24场，培训不少于1200人次，每场须有实操环节。',
    category: 'rescue_training',
    departmentKey: 'rights',
    budgetFen: 7_300_000,
    sessions: 24,
    minWorkerVisits: 1200,
    residentsOnly: false,
    state: 'awarded',
    publishedDay: -45,
    deadlineDay: -25,
    serviceStartDay: 10,
    serviceEndDay: 280,
    bids: [
      {
        orgKey: 'rescue',
        priceFen: 7_200_000,
        plan: '队员两人一组授课，自带冲锋舟、救生圈和训练假人，汛期前集中安排在沿海企业和石浦渔港。',
      },
      {
        orgKey: 'volunteer',
        priceFen: 7_100_000,
        plan: '由持证志愿救护员授课，重点讲解心肺复苏和中暑急救，防溺水内容邀请专业教练协助。',
      },
    ],
    award: { orgKey: 'rescue', priceFen: 7_200_000 },
  },
  {
    key: 'mediation-2026',
    title: '劳动关系矛盾纠纷调处服务项目（以奖代补）',
    scope: '在丹东、丹西街道开展劳资纠纷调处40件次，接待咨询不少于400人次，按调处成功件数以奖代补。',
    category: 'mediation',
    departmentKey: 'rights',
    budgetFen: 5_000_000,
    sessions: 40,
    minWorkerVisits: 400,
    residentsOnly: false,
    state: 'evaluating',
    publishedDay: -35,
    deadlineDay: -7,
    serviceStartDay: 20,
    serviceEndDay: 380,
    bids: [
      {
        orgKey: 'mediation',
        priceFen: 4_500_000,
        plan: '坚持随叫随到，接报后两小时内到场；复杂案件邀请律师和心理咨询师共同参与，全程跟踪至履行完毕。',
      },
      {
        orgKey: 'legal',
        priceFen: 4_900_000,
        plan: '安排8名擅长劳动争议的律师轮值，调解不成的引导仲裁并提供法律援助。',
      },
    ],
    award: null,
  },
  {
    key: 'matchmaking-2026',
    title: '单身职工婚恋交友联谊活动项目',
    scope: '组织单身职工联谊交友活动6场，参与不少于360人次，活动后开展一对一跟踪服务。',
    category: 'matchmaking',
    departmentKey: 'organization',
    budgetFen: 5_000_000,
    sessions: 6,
    minWorkerVisits: 360,
    residentsOnly: true,
    state: 'closed',
    publishedDay: -20,
    deadlineDay: -2,
    earlierDeadline: { fromDay: 5, rationale: '联谊活动场地档期提前，投标截止时间相应提前。' },
    serviceStartDay: 30,
    serviceEndDay: 300,
    bids: [
      {
        orgKey: 'matchmaking',
        priceFen: 4_600_000,
        plan: '分季度举办海岛徒步、手工陶艺、厨艺比拼等主题联谊，报名审核实名制，活动后专人跟进牵线。',
      },
    ],
    award: null,
  },
  {
    key: 'childcare-2027',
    title: '职工子女暑期爱心托管服务项目',
    scope:
      '暑期开办职工子女爱心托管班20天，招收7至12岁职工子女80人，服务不少于1600人次，优先招收新就业形态劳动者子女。',
    category: 'childcare',
    departmentKey: 'service_center',
    budgetFen: 8_000_000,
    sessions: 20,
    minWorkerVisits: 1600,
    residentsOnly: true,
    state: 'published',
    publishedDay: -6,
    deadlineDay: 14,
    serviceStartDay: 220,
    serviceEndDay: 260,
    bids: [
      {
        orgKey: 'childcare',
        priceFen: 7_600_000,
        plan: '分低、高年级两个班，每天上午作业辅导、下午科普手工和阅读，配备专职安全员和午餐午休。',
      },
    ],
    award: null,
  },
  {
    key: 'career-2027',
    title: '新就业形态劳动者职业规划与技能提升项目',
    scope: '为外卖骑手、快递员和网约车司机开展职业规划工作坊和技能培训共20场，服务不少于800人次。',
    category: 'career_planning',
    departmentKey: 'organization',
    budgetFen: 6_000_000,
    sessions: 20,
    minWorkerVisits: 800,
    residentsOnly: true,
    state: 'draft',
    publishedDay: null,
    deadlineDay: 40,
    serviceStartDay: 60,
    serviceEndDay: 330,
    bids: [],
    award: null,
  },
  {
    key: 'legal-2026',
    title: '职工法律体检进企业项目',
    scope: '走进20家中小企业开展劳动用工“法律体检”，出具整改建议书，现场解答职工咨询不少于1000人次。',
    category: 'legal_aid',
    departmentKey: 'rights',
    budgetFen: 4_000_000,
    sessions: 20,
    minWorkerVisits: 1000,
    residentsOnly: false,
    state: 'cancelled',
    publishedDay: -90,
    deadlineDay: -70,
    serviceStartDay: -60,
    serviceEndDay: 120,
    bids: [],
    award: null,
    endReason: '市总工会统一开展“劳动筑梦·法治相随”公益法律服务行动，本项目内容已纳入，予以取消。',
  },
  {
    key: 'sports-2026',
    title: '全县职工气排球联赛承办项目',
    scope: '承办全县职工气排球联赛，含赛程编排、场地布置、裁判和颁奖，参赛队不少于16支，服务不少于600人次。',
    category: 'sports_culture',
    departmentKey: 'propaganda',
    budgetFen: 8_000_000,
    sessions: 4,
    minWorkerVisits: 600,
    residentsOnly: false,
    state: 'unsuccessful',
    publishedDay: -75,
    deadlineDay: -55,
    serviceStartDay: -30,
    serviceEndDay: 10,
    bids: [
      {
        orgKey: 'sports',
        priceFen: 7_500_000,
        plan: '分片区预赛和县城决赛两个阶段，协会派出国家二级以上裁判执裁，赛前开展规则培训。',
      },
    ],
    award: null,
    endReason: '截止时间内有效投标不足三家，依规流标。',
  },
];

// ---------------------------------------------------------------------------------------------
// Direct commissions requested by the county: two to the lawyers' association within a month,
// each under the ¥50,000 threshold and together above it (拆分采购, a red flag: decision 115).

export interface DemoCommission {
  offeringKey: string;
  departmentKey: string;
  sessions: number;
  requestedDay: DayOffset;
  serviceStartDay: DayOffset;
  serviceEndDay: DayOffset;
  note: string;
}

export const commissions: DemoCommission[] = [
  {
    offeringKey: 'legal-checkup',
    departmentKey: 'rights',
    sessions: 8,
    requestedDay: -30,
    serviceStartDay: 10,
    serviceEndDay: 90,
    note: '丹东街道8家小微企业劳动用工体检。',
  },
  {
    offeringKey: 'legal-checkup',
    departmentKey: 'rights',
    sessions: 10,
    requestedDay: -5,
    serviceStartDay: 20,
    serviceEndDay: 120,
    note: '丹西街道10家小微企业劳动用工体检。',
  },
];

// ---------------------------------------------------------------------------------------------
// Delivered events of the contracted tenders

export type VenueType = 'canteen' | 'work_site' | 'station' | 'community' | 'online';

/** Counts of 1, 2, 3, 4 and 5 star ratings, in that order. */
export type RatingCounts = readonly [number, number, number, number, number];

export interface DemoComment {
  stars: 1 | 2 | 3 | 4 | 5;
  text: string;
}

export interface DemoEvent {
  key: string;
  tenderKey: string;
  title: string;
  venueType: VenueType;
  address: string;
  /** null for online events. */
  area: Area | null;
  day: DayOffset;
  durationMinutes: number;
  expectedAttendance: number;
  checkIns: number;
  /** Only checked-in workers rate, so the counts add up to at most `checkIns`. */
  ratings: RatingCounts;
  /** Each comment is one of the ratings already counted in `ratings`. */
  comments: DemoComment[];
  /** Attendees counted by the organizer, not scanned: asserted, so they await a union reviewer. */
  walkIns?: number;
  /** Entered in the system this many days after it took place (a back-dated report). */
  enteredDaysLate?: number;
}

export const events: DemoEvent[] = [
  {
    key: 'psych-1',
    tenderKey: 'psych-2026',
    title: '心理知识讲座：快递小哥的情绪“减压阀”',
    venueType: 'work_site',
    address: '象山县丹西街道快递物流园分拨中心',
    area: '丹西街道',
    day: -160,
    durationMinutes: 90,
    expectedAttendance: 60,
    checkIns: 57,
    ratings: [0, 1, 2, 15, 27],
    comments: [
      { stars: 5, text: '老师讲得很实在，遇到差评不再憋在心里了。' },
      { stars: 4, text: '内容挺好，就是时间有点短，希望多来几次。' },
    ],
  },
  {
    key: 'psych-2',
    tenderKey: 'psych-2026',
    title: '心理知识讲座：压力识别与自我调适',
    venueType: 'canteen',
    address: '象山华宇食品有限公司职工食堂',
    area: '丹东街道',
    day: -120,
    durationMinutes: 90,
    expectedAttendance: 80,
    checkIns: 74,
    ratings: [1, 0, 3, 20, 36],
    comments: [
      { stars: 5, text: '午饭后听一堂课，轻松又有收获。' },
      { stars: 3, text: '食堂有点吵，后排听不太清楚。' },
    ],
  },
  {
    key: 'psych-3',
    tenderKey: 'psych-2026',
    title: '职工心理关爱进驿站',
    venueType: 'station',
    address: '象山县丹东街道丹峰东路户外劳动者驿站',
    area: '丹东街道',
    day: -75,
    durationMinutes: 120,
    expectedAttendance: 20,
    checkIns: 23,
    ratings: [0, 0, 1, 6, 12],
    comments: [{ stars: 5, text: '跑单间隙就能聊一聊，心里敞亮多了。' }],
  },
  {
    key: 'psych-4',
    tenderKey: 'psych-2026',
    title: '线上心理讲座：睡好觉，情绪才会好',
    venueType: 'online',
    address: '线上直播',
    area: null,
    day: -30,
    durationMinutes: 60,
    expectedAttendance: 150,
    checkIns: 168,
    ratings: [1, 1, 5, 38, 72],
    comments: [
      { stars: 5, text: '夜班多年睡不好，学到了几个马上能用的办法。' },
      { stars: 4, text: '回放要是能一直看就更好了。' },
    ],
  },
  {
    key: 'arts-1',
    tenderKey: 'arts-2026',
    title: '文艺轻骑兵“快闪”走进华宇食品',
    venueType: 'canteen',
    address: '象山华宇食品有限公司职工食堂',
    area: '丹东街道',
    day: -140,
    durationMinutes: 40,
    expectedAttendance: 200,
    checkIns: 186,
    ratings: [0, 1, 4, 30, 95],
    comments: [
      { stars: 5, text: '吃着饭就看上了演出，车间里好久没这么热闹了！' },
      { stars: 5, text: '越剧唱得真好，下次还想看。' },
    ],
  },
  {
    key: 'arts-2',
    tenderKey: 'arts-2026',
    title: '文艺轻骑兵“快闪”送清凉进工地',
    venueType: 'work_site',
    address: '象山县石浦镇渔港新城安置房建设项目工地',
    area: '石浦镇',
    day: -95,
    durationMinutes: 40,
    expectedAttendance: 150,
    checkIns: 131,
    ratings: [1, 0, 3, 24, 60],
    comments: [
      { stars: 5, text: '工地上看演出还是头一回，还发了绿豆汤。' },
      { stars: 3, text: '太阳太晒了，要是放在傍晚更好。' },
    ],
  },
  {
    key: 'arts-3',
    tenderKey: 'arts-2026',
    title: '文艺轻骑兵“快闪”进塔山社区',
    venueType: 'community',
    address: '象山县丹东街道塔山社区丹峰东路',
    area: '丹东街道',
    day: -50,
    durationMinutes: 40,
    expectedAttendance: 180,
    checkIns: 204,
    ratings: [0, 1, 5, 41, 102],
    comments: [{ stars: 5, text: '带着孩子一起来看，节目很接地气。' }],
  },
  {
    key: 'hardship-1',
    tenderKey: 'hardship-2026',
    title: '困难职工“回头看”入户走访（丹东街道）',
    venueType: 'community',
    address: '象山县丹东街道塔山社区',
    area: '丹东街道',
    day: -110,
    durationMinutes: 180,
    expectedAttendance: 20,
    checkIns: 19,
    ratings: [0, 0, 1, 5, 12],
    comments: [{ stars: 5, text: '解困两年了工会还惦记着我们家，心里暖暖的。' }],
  },
  {
    key: 'hardship-2',
    tenderKey: 'hardship-2026',
    title: '困难职工“回头看”座谈暨就业对接会',
    venueType: 'station',
    address: '象山县石浦镇职工服务站',
    area: '石浦镇',
    day: -55,
    durationMinutes: 120,
    expectedAttendance: 25,
    checkIns: 22,
    ratings: [0, 0, 1, 8, 11],
    comments: [
      { stars: 5, text: '现场就对接到了水产加工厂的岗位。' },
      { stars: 4, text: '希望医疗救助政策能讲得再细一点。' },
    ],
  },
  {
    key: 'hardship-3',
    tenderKey: 'hardship-2026',
    title: '困难职工“回头看”入户走访（丹西街道）',
    venueType: 'community',
    address: '象山县丹西街道城西社区',
    area: '丹西街道',
    day: -20,
    durationMinutes: 180,
    expectedAttendance: 20,
    checkIns: 21,
    ratings: [0, 0, 1, 7, 11],
    comments: [{ stars: 4, text: '帮忙问清了孩子助学金的申请办法，很感谢。' }],
  },
  // Entered after it took place, nobody scanned, 21 people typed into the report: it counts only
  // once a union reviewer admits it (the review queue on its page).
  {
    key: 'hardship-4',
    tenderKey: 'hardship-2026',
    title: '困难职工“回头看”入户走访（石浦镇）',
    venueType: 'community',
    address: '象山县石浦镇渔港新城社区',
    area: '石浦镇',
    day: -12,
    durationMinutes: 180,
    expectedAttendance: 20,
    checkIns: 0,
    ratings: [0, 0, 0, 0, 0],
    comments: [],
    walkIns: 21,
    enteredDaysLate: 3,
  },
];

// ---------------------------------------------------------------------------------------------
// Township unions' own purchases: direct commissions from offerings, rolled up into the county's
// figures (the dashboards' roll-up). 丹西街道 buys nothing, so one child shows zeros.

export const townshipStaffAccounts: DemoStaffAccount[] = [
  {
    email: 'dandong@demo.gonghui.cn',
    name: '周丽华',
    roles: ['leadership', 'commissioner'],
    unionKey: 'dandong',
    departmentKey: null,
  },
];

export interface DemoTownshipContract {
  key: string;
  unionKey: string;
  offeringKey: string;
  sessions: number;
  minWorkerVisits: number;
  signedDay: DayOffset;
  serviceEndDay: DayOffset;
  /** Whether the 30% due on signing has been paid (by bank transfer). */
  signingPaid: boolean;
  events: Omit<DemoEvent, 'tenderKey'>[];
}

export const townshipContracts: DemoTownshipContract[] = [
  {
    key: 'dandong-station',
    unionKey: 'dandong',
    offeringKey: 'volunteer-station',
    sessions: 6,
    minWorkerVisits: 0,
    signedDay: -120,
    serviceEndDay: 60,
    signingPaid: true,
    events: [
      {
        key: 'dandong-station-1',
        title: '驿站志愿服务：夏日送清凉',
        venueType: 'station',
        address: '象山县丹东街道丹峰东路户外劳动者驿站',
        area: '丹东街道',
        day: -100,
        durationMinutes: 120,
        expectedAttendance: 40,
        checkIns: 38,
        ratings: [0, 1, 3, 10, 16],
        comments: [{ stars: 5, text: '跑单累了能喝口绿豆汤，歇一歇，真贴心。' }],
      },
      {
        key: 'dandong-station-2',
        title: '驿站志愿服务：电动车安全检修',
        venueType: 'station',
        address: '象山县丹东街道丹峰东路户外劳动者驿站',
        area: '丹东街道',
        day: -60,
        durationMinutes: 120,
        expectedAttendance: 40,
        checkIns: 45,
        ratings: [1, 0, 4, 14, 18],
        comments: [{ stars: 3, text: '排队的人有点多，希望多来几位师傅。' }],
      },
      {
        key: 'dandong-station-3',
        title: '驿站志愿服务：秋季爱心午餐',
        venueType: 'station',
        address: '象山县丹东街道天安路户外劳动者驿站',
        area: '丹东街道',
        day: -25,
        durationMinutes: 90,
        expectedAttendance: 50,
        checkIns: 52,
        ratings: [0, 0, 2, 15, 25],
        comments: [],
      },
    ],
  },
  {
    key: 'dandong-clinic',
    unionKey: 'dandong',
    offeringKey: 'health-clinic',
    sessions: 4,
    minWorkerVisits: 120,
    signedDay: -95,
    serviceEndDay: 90,
    signingPaid: false,
    events: [
      {
        key: 'dandong-clinic-1',
        title: '健康义诊进驿站：血压血糖免费测',
        venueType: 'station',
        address: '象山县丹东街道丹峰东路户外劳动者驿站',
        area: '丹东街道',
        day: -70,
        durationMinutes: 150,
        expectedAttendance: 30,
        checkIns: 33,
        ratings: [0, 0, 1, 9, 18],
        comments: [{ stars: 5, text: '医生很耐心，还教我们怎么看化验单。' }],
      },
      {
        key: 'dandong-clinic-2',
        title: '健康义诊进驿站：颈肩腰腿痛理疗',
        venueType: 'station',
        address: '象山县丹东街道天安路户外劳动者驿站',
        area: '丹东街道',
        day: -35,
        durationMinutes: 150,
        expectedAttendance: 30,
        checkIns: 27,
        ratings: [0, 1, 2, 8, 12],
        comments: [],
      },
    ],
  },
  {
    key: 'shipu-drowning',
    unionKey: 'shipu',
    offeringKey: 'rescue-drowning',
    sessions: 3,
    minWorkerVisits: 150,
    signedDay: -110,
    serviceEndDay: 30,
    signingPaid: true,
    events: [
      {
        key: 'shipu-drowning-1',
        title: '渔港防溺水与水上救援培训',
        venueType: 'work_site',
        address: '象山县石浦镇中心渔港码头',
        area: '石浦镇',
        day: -85,
        durationMinutes: 120,
        expectedAttendance: 60,
        checkIns: 64,
        ratings: [0, 1, 3, 20, 30],
        comments: [{ stars: 5, text: '救生圈怎么抛、落水怎么自救，都实际练了一遍。' }],
      },
      {
        key: 'shipu-drowning-2',
        title: '水产加工企业防溺水安全课',
        venueType: 'canteen',
        address: '象山县石浦镇水产加工园区职工食堂',
        area: '石浦镇',
        day: -45,
        durationMinutes: 90,
        expectedAttendance: 50,
        checkIns: 41,
        ratings: [1, 1, 4, 12, 15],
        comments: [{ stars: 2, text: '食堂里讲课听不太清楚。' }],
      },
    ],
  },
];
