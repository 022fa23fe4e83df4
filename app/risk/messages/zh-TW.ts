import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  title: '風險提示',
  pageTitle: '{{union}} · 風險提示',
  signal: '風險提示是需要說明的訊號，不是結論：採購專員或經審人員可對每則提示作出說明或確認關注。',
  indicators: {
    single_bid: '單一投標',
    short_period: '投標期過短',
    price_at_ceiling: '得標價貼近預算上限',
    lowest_passed_over: '未選最低價',
    late_bid_won: '臨近截止投標並得標',
    disqualifications: '投標被否決',
    concentration: '得標集中',
    split_purchase: '拆分採購',
    contract_growth: '契約變更增額或延期',
    scoring_outlier: '評分偏離',
    delivery_gap: '履約缺口',
  },
  explain: {
    single_bid: { default: '截止時只有 {{bids}} 份有效投標（至少應有 {{limit_bids}} 份才有競爭）。' },
    short_period: {
      short: '從發布到投標截止只有 {{days}} 天，少於本會規定的最短投標期 {{limit_days}} 天。',
      moved: '投標截止時間被提前過 {{moves}} 次。',
    },
    price_at_ceiling: {
      default: '得標價 {{priceFen}} 為預算上限 {{budgetFen}} 的 {{percent}}%，達到或超過 {{limit_percent}}%。',
    },
    lowest_passed_over: {
      default: '得標價 {{priceFen}} 高於最低有效報價 {{lowestFen}}，差額 {{differenceFen}}；評分見下方。',
    },
    late_bid_won: {
      default: '得標投標於截止前 {{minutes}} 分鐘（{{submittedAt}}）提交，在截止前 {{limit_minutes}} 分鐘之內。',
    },
    disqualifications: {
      allOthers: '除得標人外的 {{rejected}} 份投標全部被評審否決（共 {{bids}} 份）。',
      lowest: '報價最低（{{lowestFen}}）的投標被評審否決。',
    },
    concentration: {
      share:
        '該組織在本年度獲得本會採購金額 {{organizationFen}}，佔總額 {{totalFen}} 的 {{percent}}%，超過 {{limit_percent}}%。',
      streak: '該組織連續得標本會 {{wins}} 個案件，超過 {{limit_wins}} 個。',
    },
    split_purchase: {
      default:
        '{{days}} 天內向同一組織直接委託 {{commissions}} 次，合計 {{sumFen}}，超過直接委託上限 {{limit_thresholdFen}}。',
    },
    contract_growth: {
      value: '契約金額由 {{originalFen}} 變更為 {{currentFen}}，增加 {{percent}}%，超過 {{limit_percent}}%。',
      period: '契約期限延至 {{periodEnd}}，超出採購服務期（至 {{tenderPeriodEnd}}）。',
    },
    scoring_outlier: {
      default:
        '評審 {{reviewer}} 對得標投標「{{criterion}}」打 {{score}} 分，其他評審平均 {{othersMean}} 分，相差 {{gap}} 分，超過 {{limit_gap}} 分。',
    },
    delivery_gap: {
      unverified: '已付款的里程碑所依據的 {{events}} 場活動沒有經核驗的簽到。',
      short:
        '契約已全額付款，但只交付 {{sessionsDelivered}} 場、{{workerVisits}} 人次（契約 {{limit_sessions}} 場、至少 {{limit_workerVisits}} 人次）。',
    },
  },
  subjects: { tender: '採購案', commission: '直接委託', contract: '契約' },
  records: {
    title: '依據的紀錄',
    tender: '採購案',
    bid: '投標',
    contract: '契約',
    commission: '直接委託',
    milestone: '付款里程碑',
    event: '活動',
    amendment: '變更',
    open: '查看',
  },
  responses: {
    title: '回應',
    none: '尚無回應。',
    kinds: { explanation: '情況說明', concern: '確認關注' },
    latest: '最新回應',
    add: '記錄回應',
    kind: '回應類型',
    text: '內容',
    save: '儲存回應',
    saved: '回應已記錄。',
    by: '{{name}} · {{at}}',
  },
  list: {
    subject: '對象',
    indicator: '提示',
    organization: '組織',
    department: '部門',
    value: '涉及金額',
    raised: '提示時間',
    details: '詳情',
    empty: '所選範圍內沒有風險提示。',
    noResponse: '未回應',
  },
  summary: {
    title: '依提示類型',
    flags: '提示數',
    value: '涉及金額',
    total: '合計',
  },
  filters: {
    year: '年度',
    indicator: '提示類型',
    department: '部門',
    organization: '組織',
    all: '全部',
    apply: '篩選',
  },
  csv: '下載 CSV',
  print: '列印',
  flagTitle: '{{indicator}} · {{subject}}',
  flagOn: '{{subject}}：{{title}}',
  scoring: {
    title: '決定得標的評分',
    bidder: '投標人',
    price: '報價',
    total: '綜合得分',
    rank: '名次',
    winner: '得標',
  },
  onPage: {
    title: '風險提示',
    staffNote: '僅本會工作人員可見；決標公告後，採購案的提示向公眾公開。',
    publicNote: '決標公告後公開的風險提示：是需要說明的訊號，不是結論。',
  },
  thresholds: {
    title: '本會的風險提示門檻',
    ceiling: '得標價達到預算上限的 {{value}}%',
    lateBid: '截止前 {{value}} 分鐘內提交的投標得標',
    concentration: '一個組織佔年度採購金額超過 {{value}}%',
    streak: '一個組織連續得標超過 {{value}} 個案件',
    split: '{{value}} 天內向同一組織的直接委託合計超過直接委託上限',
    growth: '契約變更增額超過 {{value}}%',
    scoreGap: '評審評分與其他評審平均分相差超過 {{value}} 分',
    minBidding: '最短投標期 {{value}} 天',
  },
  settings: {
    title: '風險提示門檻',
    explanation:
      '風險提示依以下門檻計算，儲存後本會所有提示立即依新門檻重算。預設值取自開放締約夥伴關係（OCP）紅旗指南與烏克蘭 DOZORRO 的常用取值。',
    riskCeilingPercent: '得標價佔預算上限的比例（%）',
    riskLateBidMinutes: '臨近截止的時長（分鐘）',
    riskConcentrationPercent: '一個組織佔年度採購金額的比例（%）',
    riskWinStreak: '連續得標的案件數',
    riskSplitDays: '拆分採購的統計期（天）',
    riskGrowthPercent: '契約增額比例（%）',
    riskScoreGap: '評分偏離（分，滿分 100）',
    hint: '{{min}} 至 {{max}}，預設 {{default}}。',
    save: '儲存風險提示門檻',
    saved: '風險提示門檻已儲存，提示已重算。',
  },
  dashboard: {
    indicator: '風險提示',
    flags: '風險提示數',
    value: '涉及金額',
  },
} satisfies Translation<typeof zhCN>;
