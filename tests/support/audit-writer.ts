// A second process writing audited changes as fast as it can, so that backups are taken under load
// (tests/integration/backup.test.ts). Prints "ready" after its first commit; runs until killed.
import { audit } from '~/lib/audit.server';
import { transaction } from '~/lib/db.server';

let written = 0;
function writeOne() {
  transaction((tx) =>
    audit(tx, {
      actorId: null,
      action: 'writer.tick',
      subjectType: 'writer',
      subjectId: written,
      after: { n: written, pid: process.pid },
    }),
  );
  if (written++ === 0) console.log('ready');
  setImmediate(writeOne);
}
writeOne();
