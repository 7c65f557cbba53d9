import { Group, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { checkNir } from '@parcours/domain';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { optionalIdentifier, optionalText, requiredText, type InputSource } from '../../forms/fields.js';
import type { IssueMessages } from '../../forms/useApiForm.js';

export const PASSWORD_MIN_LENGTH = 12;

/** A new password, as the server bounds it; the message's `{{min}}` is PASSWORD_MIN_LENGTH. */
export const newPassword = z.string().min(PASSWORD_MIN_LENGTH, 'identity.fields.passwordTooShort').max(256, 'issues.too-big');

/** A TOTP code as typed: 6 digits, spaces allowed. */
export const totpCode = z
  .string()
  .transform((code) => code.replace(/\s/g, ''))
  .refine((code) => /^\d{6}$/.test(code), 'identity.fields.totpCodeInvalid');

/** The account holder's own names. */
export const personNames = { givenName: requiredText(100), familyName: requiredText(100) };

/** The account holder's own given and family names, as the browser may fill them in. */
export function PersonNameFields({ form, autoComplete = true }: { form: InputSource; autoComplete?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('identity.fields.givenName')}
        autoComplete={autoComplete ? 'given-name' : 'off'}
        maxLength={100}
        {...form.getInputProps('givenName')}
      />
      <TextInput
        label={t('identity.fields.familyName')}
        autoComplete={autoComplete ? 'family-name' : 'off'}
        maxLength={100}
        {...form.getInputProps('familyName')}
      />
    </>
  );
}

/** A new password, with the rule stated before typing (WCAG 3.3.2) and the error next to it. */
export function NewPasswordInput({ form, path = 'password' }: { form: InputSource; path?: string }) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('identity.fields.password')}
      description={t('identity.fields.passwordHint', { min: PASSWORD_MIN_LENGTH })}
      autoComplete="new-password"
      minLength={PASSWORD_MIN_LENGTH}
      maxLength={256}
      {...form.getInputProps(path)}
    />
  );
}

/** The INS identity traits as typed: the sex is '' until chosen. */
export interface IdentityDraft {
  birthName: string;
  firstNames: string;
  usedName: string;
  sex: '' | 'F' | 'M' | 'I';
  birthDate: string;
  birthPlaceInsee: string;
  nir: string;
}

export const EMPTY_IDENTITY: IdentityDraft = {
  birthName: '',
  firstNames: '',
  usedName: '',
  sex: '',
  birthDate: '',
  birthPlaceInsee: '',
  nir: '',
};

const today = () => new Date().toISOString().slice(0, 10);

/** The INS traits as the API takes them: optional ones left out when empty, the NIR checked by the domain's rule. */
export const identitySchema = z.object({
  birthName: requiredText(100),
  firstNames: requiredText(200),
  usedName: optionalText(100),
  sex: z.enum(['F', 'M', 'I'], 'identity.fields.sexRequired'),
  birthDate: z.iso
    .date('identity.fields.birthDateInvalid')
    .refine((date) => date >= '1900-01-01' && date <= today(), 'identity.fields.birthDateInvalid'),
  birthPlaceInsee: optionalText(5)
    .transform((code) => code?.toUpperCase())
    .refine((code) => code === undefined || /^(\d{5}|2[AB]\d{3})$/.test(code), 'identity.fields.birthPlaceInseeInvalid'),
  nir: optionalIdentifier(checkNir, 'identity.fields.nirInvalid'),
});

/** The server's words for the identity fields' codes, under `prefix` (`identity.` in a registration). */
export function identityIssues(prefix: string): IssueMessages {
  return {
    [`${prefix}sex`]: { 'invalid-value': 'identity.fields.sexRequired' },
    [`${prefix}birthDate`]: { 'invalid-format': 'identity.fields.birthDateInvalid', custom: 'identity.fields.birthDateInvalid' },
    [`${prefix}birthPlaceInsee`]: { 'invalid-format': 'identity.fields.birthPlaceInseeInvalid' },
    [`${prefix}nir`]: { custom: 'identity.fields.nirInvalid' },
  };
}

/**
 * The INS identity traits (référentiel INS): as on the birth certificate, so the identity can later
 * be qualified against the national teleservice.
 */
export function IdentityFields({
  form,
  prefix,
}: {
  form: InputSource;
  /** The path of these fields in the form (`identity.` or ''). */ prefix: string;
}) {
  const { t } = useTranslation();
  const input = (field: keyof IdentityDraft) => form.getInputProps(prefix + field);
  return (
    <Stack gap="sm">
      <TextInput
        label={t('identity.fields.birthName')}
        description={t('identity.fields.birthNameHint')}
        autoComplete="off"
        maxLength={100}
        {...input('birthName')}
      />
      <TextInput
        label={t('identity.fields.firstNames')}
        description={t('identity.fields.firstNamesHint')}
        autoComplete="off"
        maxLength={200}
        {...input('firstNames')}
      />
      <TextInput label={t('identity.fields.usedName')} autoComplete="off" maxLength={100} {...input('usedName')} />
      <Radio.Group label={t('identity.fields.sex')} {...input('sex')}>
        <Group gap="lg" mt={4}>
          <Radio value="F" label={t('identity.sex.F')} />
          <Radio value="M" label={t('identity.sex.M')} />
          <Radio value="I" label={t('identity.sex.I')} />
        </Group>
      </Radio.Group>
      <TextInput type="date" label={t('identity.fields.birthDate')} min="1900-01-01" max={today()} {...input('birthDate')} />
      <TextInput
        label={t('identity.fields.birthPlaceInsee')}
        description={t('identity.fields.birthPlaceInseeHint')}
        autoComplete="off"
        maxLength={5}
        {...input('birthPlaceInsee')}
      />
      <TextInput
        label={t('identity.fields.nir')}
        description={t('identity.fields.nirHint')}
        autoComplete="off"
        inputMode="text"
        maxLength={21}
        {...input('nir')}
      />
    </Stack>
  );
}
