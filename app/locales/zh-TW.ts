import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  app: {
    name: '工會服務採購平台',
  },
  punctuation: {
    colon: '：',
    separator: '、',
    parenthesized: '{{text}}（{{note}}）',
  },
  languages: {
    'zh-CN': '简体中文',
    'zh-TW': '繁體中文',
    en: 'English',
  },
  nav: {
    label: '主要導覽',
    home: '返回首頁',
    tenders: '採購案',
    workspace: '我的工作台',
    admin: '平台管理',
    twoFactorReset: '兩步驟驗證重設',
    login: '登入',
    logout: '登出',
    signup: '註冊',
  },
  common: {
    state: '狀態',
    choose: '請選擇',
    yes: '是',
    no: '否',
    beijingTime: '北京時間',
  },
  home: {
    lead: '工會孵化社會組織、向社會組織購買服務的線上平台：從進駐孵化、發布採購、密封投標、簽訂合約，到活動簽到、職工評價、績效評估和經費撥付，全流程留存紀錄，以職工的真實評價說明服務成效。',
    browseTenders: '瀏覽採購案',
    steps: {
      incubate: {
        title: '孵化',
        text: '社會組織申請進駐孵化基地，獲得場地、諮詢與追蹤輔導。',
      },
      offer: {
        title: '服務項目',
        text: '社會組織發布可提供的服務：心理輔導、緊急救援訓練、文藝演出、法律扶助等。',
      },
      procure: {
        title: '購買服務',
        text: '工會部門發布採購案，社會組織密封投標，評審評分後公示決標。',
      },
      deliver: {
        title: '辦理活動',
        text: '職工掃描 QR Code 簽到，活動結束後為服務評分。',
      },
      evaluate: {
        title: '績效評估',
        text: '完成率、滿意率等指標加權計分，評定優秀、良好、合格、不合格。',
      },
      pay: {
        title: '經費撥付',
        text: '依合約階段驗收付款，銀行轉帳或線上支付皆留存紀錄。',
      },
    },
  },
  // Error pages: the tab title (no full stop), why the page is not shown, and what to do next.
  confirm: {
    whatHappens: '確認後將會：',
    cannotUndo: '此操作無法撤銷。',
    cancel: '取消，返回',
  },
  errorPage: {
    notFound: {
      title: '頁面不存在',
      why: '找不到這個頁面：連結可能有誤，或者這筆資料已被刪除。',
      next: '請檢查網址，或從首頁、我的工作台重新進入。',
    },
    forbidden: {
      title: '無權檢視',
      why: '您沒有權限檢視此頁面：它只對相關工會或組織的人員開放。',
      next: '如果您認為應當有權限，請聯絡本工會的管理員為您授予角色；也可以換一個帳號登入。',
    },
    reason: {
      title: '暫時無法檢視',
      next: '您可以先回到我的工作台，處理其他待辦事項。',
    },
    tooMany: {
      title: '操作太頻繁',
      why: '短時間內的請求太多了，為保護帳號安全，系統暫時不再受理。',
      next: '請稍候幾分鐘再試。',
    },
    unexpected: {
      title: '發生錯誤',
      why: '伺服器發生問題，您的操作可能沒有完成。',
      next: '請稍後再試；如果一直出錯，請聯絡平台管理員。',
    },
    status: '錯誤代碼 {{status}}',
    workspace: '前往我的工作台',
    login: '換個帳號登入',
  },
  errors: {
    required: '此欄位為必填。',
    tooLong: '內容太長了。',
    tooLarge: '數字太大了。',
    wholeNumber: '請輸入整數。',
    notNegative: '不能是負數。',
    atLeastOne: '請輸入更大的數字。',
    money: '請輸入有效金額（元），例如 3000 或 3000.50，不能為負數。',
    positiveMoney: '金額必須大於 0。',
    dateTime: '請選擇有效的日期和時間。',
    deadlinePast: '截止時間必須晚於現在。',
    email: '請輸入有效的電子郵件地址。',
    emailTaken: '這個電子郵件已經註冊過了，請直接登入。',
    passwordTooShort: '密碼至少需要 10 個字元。',
    passwordsDiffer: '兩次輸入的新密碼不一致。',
    badLogin: '電子郵件或密碼不正確。',
    badPassword: '目前密碼不正確。',
    forbidden: '您沒有權限執行此操作。',
    notFound: '找不到這筆資料。',
    unexpected: '發生錯誤，請稍後再試。',
    illegalTransition: '目前狀態下無法執行此操作。',
    notEligible: '您的組織不符合本採購案的投標資格。',
    biddingClosed: '投標已截止（以伺服器時間為準）。',
    conflictOfInterest: '您與該投標單位有利益衝突，不能為其評分。',
    scoreRange: '每項評分須為 0 到 100 的整數。',
    contractNotActive: '合約生效後才能安排活動。',
    eventNotOver: '活動結束後才能送出成果報告。',
    reasonRequired: '請填寫原因。',
    codeExpired: 'QR Code 已過期。請重新掃描活動現場螢幕上的 QR Code。',
    checkinClosed: '目前不在這場活動的簽到時間內。',
    alreadyCheckedIn: '這支手機已經簽到過了。',
    checkInFirst: '請先在活動現場掃碼簽到，再進行評價。',
    ratingClosed: '評價時間已過（活動結束後 7 天內可評價）。',
    alreadyRated: '您已經評價過這場活動了。',
    ratingNoLongerEditable: '評價送出已超過 24 小時，無法再修改。',
    chooseScore: '請選擇 1 到 5 顆星。',
  },
} satisfies Translation<typeof zhCN>;
