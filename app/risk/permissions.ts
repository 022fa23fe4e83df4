import type { UnionRole } from '~/accounts/roles';
import { contractReaders } from '~/procurement/permissions';

/** Who reads the union's flags and the records behind them: those who read its purchases' contracts. */
export const flagReaders = contractReaders;
/** The union's "风险提示" page: leadership and the auditors (and the admin who sets the thresholds). */
export const riskPageRoles: readonly UnionRole[] = ['leadership', 'auditor', 'admin'];
/** Who answers a flag: the commissioner whose purchase it is about, or an auditor. */
export const responderRoles: readonly UnionRole[] = ['commissioner', 'auditor'];
