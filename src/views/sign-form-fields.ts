// The sign form's hidden fields, named here with the form that carries them; the routes that read
// a posted form, and the JSON API, take the same names.

/** Left empty by people: a bot that fills in every field fills this one too. */
export const HONEYPOT_FIELD = 'website';
/** The signed second the form was shown in (form-guard.ts). */
export const STAMP_FIELD = 'shown';
/** The form field, and the JSON API's, that carries a solved challenge (the ALTCHA widget's payload). */
export const PROOF_FIELD = 'altcha';
/** The `?src=` tag of the link the form's page was opened from (see signing-source.ts). */
export const SOURCE_FIELD = 'src';
