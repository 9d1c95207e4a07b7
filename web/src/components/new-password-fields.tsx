import type { ChangeEventHandler } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../src/contracts/limits.ts';
import { TextField } from './fields.tsx';

/** Client-side problems with a new password and its confirmation, keyed by field. */
export interface NewPasswordProblems {
  password?: string;
  confirm?: string;
}

/**
 * Checks a new password against the server's minimum length and its confirmation.
 * Returns an empty object when both are fine.
 */
export function newPasswordProblems(password: string, confirm: string, t: TFunction): NewPasswordProblems {
  const problems: NewPasswordProblems = {};
  if (password.length < PASSWORD_MIN_LENGTH) problems.password = t('common.tooShort');
  if (confirm !== password) problems.confirm = t('common.mismatch');
  return problems;
}

export function hasNewPasswordProblems(problems: NewPasswordProblems): boolean {
  return Boolean(problems.password || problems.confirm);
}

interface NewPasswordFieldsProps {
  passwordLabel: string;
  confirmLabel: string;
  passwordName: string;
  confirmName: string;
  password: string;
  confirm: string;
  onPasswordChange: ChangeEventHandler<HTMLInputElement>;
  onConfirmChange: ChangeEventHandler<HTMLInputElement>;
  /** The server's error for the password field, shown when there is no local problem. */
  serverError?: string;
  /** Problems found by `newPasswordProblems` on the last submit. */
  problems: NewPasswordProblems;
}

/** A "new password" field with the length hint, followed by its confirmation. */
export function NewPasswordFields({
  passwordLabel,
  confirmLabel,
  passwordName,
  confirmName,
  password,
  confirm,
  onPasswordChange,
  onConfirmChange,
  serverError,
  problems,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={passwordLabel}
        name={passwordName}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={t('common.passwordHint')}
        value={password}
        onChange={onPasswordChange}
        error={problems.password ?? serverError}
      />
      <TextField
        label={confirmLabel}
        name={confirmName}
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={onConfirmChange}
        error={problems.confirm}
      />
    </>
  );
}
