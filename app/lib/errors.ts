import type { MessageKey } from './locale';

/** An error the person can act on; `messageKey` is translated where it is shown. */
export class UserError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly status = 400,
    readonly values: Record<string, string | number | Date> = {},
  ) {
    super(messageKey);
  }
}
