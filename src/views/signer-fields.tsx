import type { FieldUse, FormFields, OptionalField } from '../domain/letter-input.ts';
import { ONE_LINE_MAX } from '../domain/one-line-text.ts';
import { EMAIL_MAX } from '../domain/sign-input.ts';
import type { Messages } from '../i18n/index.ts';
import type { PageLanguage } from './page-language.ts';

/** A text field a signer fills in: on the sign form, and again on the confirm page to correct it. */
export interface SignerField {
  name: 'name' | 'email' | OptionalField;
  label: keyof Messages;
  type: string;
  autocomplete: string;
  max: number;
}

export const SIGNER_FIELDS: SignerField[] = [
  { name: 'name', label: 'yourName', type: 'text', autocomplete: 'name', max: ONE_LINE_MAX.name },
  { name: 'email', label: 'email', type: 'email', autocomplete: 'email', max: EMAIL_MAX },
  { name: 'title', label: 'titleOrRole', type: 'text', autocomplete: 'organization-title', max: ONE_LINE_MAX.detail },
  { name: 'organisation', label: 'organisation', type: 'text', autocomplete: 'organization', max: ONE_LINE_MAX.detail },
  { name: 'city', label: 'city', type: 'text', autocomplete: 'address-level2', max: ONE_LINE_MAX.detail },
];

/** Whether a letter's form asks for a field: name and email always, the others as the organizers set. */
export function fieldUse(formFields: FormFields, field: SignerField['name']): FieldUse {
  return field === 'name' || field === 'email' ? 'required' : (formFields[field] ?? 'optional');
}

/** One field with its label (marked optional unless required), its error if any, and its value. */
export function TextField(props: {
  language: PageLanguage;
  field: SignerField;
  id: string;
  required: boolean;
  value: string;
  error?: string | undefined;
}) {
  const { m } = props.language;
  const { field, id, error } = props;
  const label = m[field.label] as string;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.required ? label : `${label} (${m.optional})`}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name={field.name}
        type={field.type}
        autocomplete={field.autocomplete}
        maxlength={field.max}
        required={props.required}
        value={props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}
