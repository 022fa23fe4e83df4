import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Field } from '~/ui/form';

/** The new password and its confirmation, as every form that sets a password asks for them. */
export function NewPasswordFields({
  newPassword,
  confirmPassword,
}: {
  newPassword: FieldMetadata<unknown>;
  confirmPassword: FieldMetadata<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        meta={newPassword}
        label={t('accounts.newPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('accounts.passwordHint')}
      />
      <Field meta={confirmPassword} label={t('accounts.confirmPassword')} type="password" autoComplete="new-password" />
    </>
  );
}
