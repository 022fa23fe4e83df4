import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  app: {
    name: 'Union Service Purchase Platform',
  },
  punctuation: {
    colon: ': ',
    separator: ', ',
    parenthesized: '{{text}} ({{note}})',
  },
  languages: {
    'zh-CN': '简体中文',
    'zh-TW': '繁體中文',
    en: 'English',
  },
  nav: {
    label: 'Main navigation',
    home: 'Home',
    tenders: 'Tenders',
    workspace: 'My workspace',
    admin: 'Platform admin',
    twoFactorReset: 'Two-factor reset',
    login: 'Log in',
    logout: 'Log out',
    signup: 'Sign up',
  },
  common: {
    state: 'Status',
    choose: 'Please choose',
    yes: 'Yes',
    no: 'No',
    beijingTime: 'Beijing time',
  },
  home: {
    lead: 'An online platform for trade unions to incubate social organizations and purchase services from them: from incubator admission, publishing tenders, sealed bidding and signing contracts, to event check-in, worker ratings, performance evaluation and payment. Every step leaves a record, and real ratings from workers show what the services achieved.',
    browseTenders: 'Browse tenders',
    steps: {
      incubate: {
        title: 'Incubation',
        text: 'Social organizations apply to join an incubator and receive space, consulting and follow-up guidance.',
      },
      offer: {
        title: 'Offerings',
        text: 'Social organizations post the services they provide: counselling, emergency rescue training, performances, legal aid and more.',
      },
      procure: {
        title: 'Service purchase',
        text: 'Union departments publish tenders, social organizations submit sealed bids, and the award is published after reviewers score them.',
      },
      deliver: {
        title: 'Delivery',
        text: 'Workers scan a code to check in and rate the service after the event.',
      },
      evaluate: {
        title: 'Evaluation',
        text: 'Completion rate, satisfaction rate and other measures are weighted into a score and a grade: excellent, good, pass or fail.',
      },
      pay: {
        title: 'Payment',
        text: 'Payments follow the contract milestones once accepted; bank transfers and online payments are both recorded.',
      },
    },
  },
  // Error pages: the tab title (no full stop), why the page is not shown, and what to do next.
  confirm: {
    whatHappens: 'What will happen:',
    cannotUndo: 'This cannot be undone. ',
    cancel: 'Cancel and go back',
  },
  errorPage: {
    notFound: {
      title: 'Page not found',
      why: 'There is no page at this address: the link may be wrong, or the record was deleted.',
      next: 'Check the address, or start again from the home page or your workspace.',
    },
    forbidden: {
      title: 'Not allowed',
      why: 'You do not have permission to view this page: it is open only to the people of the union or organization concerned.',
      next: 'If you think you should have access, ask your union’s administrator to give you a role, or log in with another account.',
    },
    reason: {
      title: 'Not available yet',
      next: 'Meanwhile, your workspace lists what else waits for you.',
    },
    tooMany: {
      title: 'Too many requests',
      why: 'There were too many requests in a short time; to protect accounts, they are refused for a while.',
      next: 'Please wait a few minutes and try again.',
    },
    unexpected: {
      title: 'Something went wrong',
      why: 'The server ran into a problem; what you did may not have been completed.',
      next: 'Please try again later. If it keeps happening, contact the platform administrator.',
    },
    status: 'Error code {{status}}',
    workspace: 'Go to my workspace',
    login: 'Log in with another account',
  },
  errors: {
    required: 'This field is required.',
    tooLong: 'This is too long.',
    tooLarge: 'This number is too large.',
    wholeNumber: 'Please enter a whole number.',
    notNegative: 'This cannot be negative.',
    atLeastOne: 'Please enter a larger number.',
    money: 'Please enter a valid amount in yuan, e.g. 3000 or 3000.50. It cannot be negative.',
    positiveMoney: 'The amount must be greater than 0.',
    dateTime: 'Please choose a valid date and time.',
    deadlinePast: 'The deadline must be in the future.',
    email: 'Please enter a valid email address.',
    emailTaken: 'This email is already registered. Please log in instead.',
    passwordTooShort: 'The password must be at least 10 characters.',
    passwordsDiffer: 'The two new passwords do not match.',
    badLogin: 'Incorrect email or password.',
    badPassword: 'The current password is incorrect.',
    forbidden: 'You do not have permission to do this.',
    notFound: 'Record not found.',
    unexpected: 'Something went wrong. Please try again later.',
    illegalTransition: 'This action is not allowed in the current state.',
    notEligible: 'Your organization is not eligible to bid on this tender.',
    biddingClosed: 'Bidding has closed (according to server time).',
    conflictOfInterest: 'You have a conflict of interest with this bidder and cannot score it.',
    scoreRange: 'Each score must be a whole number from 0 to 100.',
    contractNotActive: 'Events can only be scheduled once the contract is in effect.',
    eventNotOver: 'The completion report can only be submitted after the event has ended.',
    reasonRequired: 'Please give a reason.',
    codeExpired: 'The QR code has expired. Please scan the code on the screen at the event again.',
    checkinClosed: 'Check-in for this event is not open right now.',
    alreadyCheckedIn: 'This phone has already checked in.',
    checkInFirst: 'Please check in by scanning the code at the event before rating it.',
    ratingClosed: 'The rating period has ended (ratings are open for 7 days after the event).',
    alreadyRated: 'You have already rated this event.',
    ratingNoLongerEditable: 'Ratings cannot be changed more than 24 hours after they are submitted.',
    chooseScore: 'Please choose 1 to 5 stars.',
  },
} satisfies Translation<typeof zhCN>;
