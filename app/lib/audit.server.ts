import { auditLog } from '../../db/schema';
import type { DB } from './db.server';

export function audit(
  tx: DB,
  entry: {
    actorId: number | null;
    action: string;
    subjectType: string;
    subjectId: number;
    data?: Record<string, unknown>;
  },
) {
  tx.insert(auditLog).values(entry).run();
}
