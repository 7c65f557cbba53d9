import { Group, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientIdentity, Sex } from './api.js';
import { fieldError, optional, PASSWORD_MIN_LENGTH, type FormProblem } from './forms.js';

/** The account holder's own given and family names, as the browser may fill them in. */
export function PersonNameFields({
  givenName,
  familyName,
  onChange,
  problem,
}: {
  givenName: string;
  familyName: string;
  onChange: (names: { givenName: string; familyName: string }) => void;
  problem: FormProblem | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('identity.fields.givenName')}
        autoComplete="given-name"
        value={givenName}
        onChange={(event) => onChange({ givenName: event.currentTarget.value, familyName })}
        error={fieldError(problem, 'givenName')}
        maxLength={100}
      />
      <TextInput
        label={t('identity.fields.familyName')}
        autoComplete="family-name"
        value={familyName}
        onChange={(event) => onChange({ givenName, familyName: event.currentTarget.value })}
        error={fieldError(problem, 'familyName')}
        maxLength={100}
      />
    </>
  );
}

/** A new password, with the rule stated before typing (WCAG 3.3.2) and the error next to it. */
export function NewPasswordInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('identity.fields.password')}
      description={t('identity.fields.passwordHint', { min: PASSWORD_MIN_LENGTH })}
      autoComplete="new-password"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      minLength={PASSWORD_MIN_LENGTH}
      maxLength={256}
    />
  );
}

/** The client's own check of a new password, before the server's. */
export function passwordProblem(password: string, title: string, message: string, field = 'password'): FormProblem | null {
  return password.length >= PASSWORD_MIN_LENGTH ? null : { title, errors: [{ field, message }] };
}

export interface IdentityDraft {
  birthName: string;
  firstNames: string;
  usedName: string;
  sex: Sex | '';
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

const IDENTITY_FIELDS = ['birthName', 'firstNames', 'usedName', 'sex', 'birthDate', 'birthPlaceInsee', 'nir'] as const;

/** The server's names for these inputs: `identity.birthName` in a registration, `birthName` for a dependant. */
export function identityFieldNames(prefix: string): string[] {
  return IDENTITY_FIELDS.map((field) => prefix + field);
}

/** The body the API expects: optional traits left out when empty; the sex is checked by the server. */
export function identityBody(draft: IdentityDraft): PatientIdentity {
  const usedName = optional(draft.usedName);
  const birthPlaceInsee = optional(draft.birthPlaceInsee)?.toUpperCase();
  const nir = optional(draft.nir);
  return {
    birthName: draft.birthName.trim(),
    firstNames: draft.firstNames.trim(),
    sex: draft.sex as Sex,
    birthDate: draft.birthDate,
    ...(usedName ? { usedName } : {}),
    ...(birthPlaceInsee ? { birthPlaceInsee } : {}),
    ...(nir ? { nir } : {}),
  };
}

/**
 * The INS identity traits (référentiel INS): as on the birth certificate, so the identity can later
 * be qualified against the national teleservice.
 */
export function IdentityFields({
  value,
  onChange,
  problem,
  prefix,
}: {
  value: IdentityDraft;
  onChange: (value: IdentityDraft) => void;
  problem: FormProblem | null;
  /** The server's path to these fields in the body (`identity.` or ''). */
  prefix: string;
}) {
  const { t } = useTranslation();
  const set = (field: keyof IdentityDraft) => (event: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...value, [field]: event.currentTarget.value });
  const error = (field: keyof IdentityDraft, byCode?: Record<string, string>) => fieldError(problem, prefix + field, byCode);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Stack gap="sm">
      <TextInput
        label={t('identity.fields.birthName')}
        description={t('identity.fields.birthNameHint')}
        value={value.birthName}
        onChange={set('birthName')}
        error={error('birthName')}
        autoComplete="off"
        maxLength={100}
      />
      <TextInput
        label={t('identity.fields.firstNames')}
        description={t('identity.fields.firstNamesHint')}
        value={value.firstNames}
        onChange={set('firstNames')}
        error={error('firstNames')}
        autoComplete="off"
        maxLength={200}
      />
      <TextInput
        label={t('identity.fields.usedName')}
        value={value.usedName}
        onChange={set('usedName')}
        error={error('usedName')}
        autoComplete="off"
        maxLength={100}
      />
      <Radio.Group
        label={t('identity.fields.sex')}
        value={value.sex}
        onChange={(sex) => onChange({ ...value, sex: sex as Sex })}
        error={error('sex', { 'invalid-value': t('identity.fields.sexRequired') })}
      >
        <Group gap="lg" mt={4}>
          <Radio value="F" label={t('identity.sex.F')} />
          <Radio value="M" label={t('identity.sex.M')} />
          <Radio value="I" label={t('identity.sex.I')} />
        </Group>
      </Radio.Group>
      <TextInput
        type="date"
        label={t('identity.fields.birthDate')}
        value={value.birthDate}
        onChange={set('birthDate')}
        error={error('birthDate', {
          'invalid-format': t('identity.fields.birthDateInvalid'),
          custom: t('identity.fields.birthDateInvalid'),
        })}
        min="1900-01-01"
        max={today}
      />
      <TextInput
        label={t('identity.fields.birthPlaceInsee')}
        description={t('identity.fields.birthPlaceInseeHint')}
        value={value.birthPlaceInsee}
        onChange={set('birthPlaceInsee')}
        error={error('birthPlaceInsee', { 'invalid-format': t('identity.fields.birthPlaceInseeInvalid') })}
        autoComplete="off"
        maxLength={5}
      />
      <TextInput
        label={t('identity.fields.nir')}
        description={t('identity.fields.nirHint')}
        value={value.nir}
        onChange={set('nir')}
        error={error('nir', { custom: t('identity.fields.nirInvalid') })}
        autoComplete="off"
        inputMode="text"
        maxLength={21}
      />
    </Stack>
  );
}
