/**
 * Org-defined custom fields on projects and deliverables: checking and normalizing the values
 * stored in `custom_fields` (jsonb keyed by field name). Pure: no database, no HTTP.
 */

export const CUSTOM_FIELD_TYPE_NAMES = ['TEXT', 'NUMBER', 'DATE', 'SELECT', 'BOOLEAN'] as const;
export type CustomFieldTypeName = (typeof CUSTOM_FIELD_TYPE_NAMES)[number];

export const CUSTOM_FIELD_NAME_MAX = 60;
/** Letters, digits, spaces, hyphens and underscores (after trimming). */
export const CUSTOM_FIELD_NAME_PATTERN = /^[\p{L}\p{N} _-]+$/u;
export const CUSTOM_FIELD_TEXT_MAX = 2000;
export const CUSTOM_FIELD_OPTION_MAX = 100;

/** The parts of a definition that validation needs (a custom_field_definitions row fits). */
export interface CustomFieldDef {
  fieldName: string;
  fieldType: CustomFieldTypeName;
  fieldOptions?: { options?: readonly string[] } | null;
  isRequired: boolean;
}

export type CustomFieldValue = string | number | boolean | null;
export type CustomFieldValueMap = Record<string, CustomFieldValue>;

export interface CustomFieldError {
  /** `customFields.<field name>` */
  path: string;
  message: string;
}

export type CustomFieldValidation =
  { ok: true; values: CustomFieldValueMap } | { ok: false; fields: CustomFieldError[] };

export function selectOptions(def: Pick<CustomFieldDef, 'fieldOptions'>): readonly string[] {
  const options = def.fieldOptions?.options;
  return Array.isArray(options) ? options : [];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written as YYYY-MM-DD (no time, no zone). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

type Checked = { ok: true; value: CustomFieldValue } | { ok: false; message: string };

/** One non-null value against its definition; strings are trimmed. */
function checkValue(def: CustomFieldDef, raw: unknown): Checked {
  switch (def.fieldType) {
    case 'TEXT': {
      if (typeof raw !== 'string') return { ok: false, message: 'must be text' };
      const v = raw.trim();
      if (v.length > CUSTOM_FIELD_TEXT_MAX)
        return { ok: false, message: `must be at most ${CUSTOM_FIELD_TEXT_MAX} characters` };
      return { ok: true, value: v };
    }
    case 'NUMBER':
      if (typeof raw !== 'number' || !Number.isFinite(raw))
        return { ok: false, message: 'must be a number' };
      return { ok: true, value: raw };
    case 'DATE': {
      if (typeof raw !== 'string' || !isIsoDate(raw.trim()))
        return { ok: false, message: 'must be a date (YYYY-MM-DD)' };
      return { ok: true, value: raw.trim() };
    }
    case 'SELECT': {
      const options = selectOptions(def);
      const v = typeof raw === 'string' ? raw.trim() : raw;
      if (typeof v !== 'string' || !options.includes(v))
        return { ok: false, message: `must be one of: ${options.join(', ')}` };
      return { ok: true, value: v };
    }
    case 'BOOLEAN':
      if (typeof raw !== 'boolean') return { ok: false, message: 'must be true or false' };
      return { ok: true, value: raw };
    default:
      return { ok: false, message: 'has an unknown field type' };
  }
}

/** null, undefined and blank strings all mean "no value". */
function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * Checks custom field values against the definitions of one entity type.
 *
 * - A key without a definition is an error.
 * - null (or a blank string) clears a field: refused for a required field.
 * - `partial: false` (a new row, or a full replace): every required field must have a value.
 *   `partial: true` (an edit): only the keys present are checked.
 *
 * On success `values` holds the given keys, normalized (strings trimmed), with `null` for the
 * cleared ones, so the caller can merge them onto what is stored and drop the nulls.
 */
export function validateCustomFieldValues(
  defs: readonly CustomFieldDef[],
  values: Readonly<Record<string, unknown>> | null | undefined,
  opts: { partial: boolean },
): CustomFieldValidation {
  const byName = new Map(defs.map((d) => [d.fieldName, d]));
  const input = values ?? {};
  const fields: CustomFieldError[] = [];
  const out: CustomFieldValueMap = {};

  for (const [name, raw] of Object.entries(input)) {
    const path = `customFields.${name}`;
    const def = byName.get(name);
    if (!def) {
      fields.push({ path, message: 'is not a custom field' });
      continue;
    }
    if (isBlank(raw)) {
      if (def.isRequired && (raw !== undefined || !opts.partial)) {
        fields.push({ path, message: 'is required' });
      } else if (raw !== undefined) {
        out[name] = null;
      }
      continue;
    }
    const checked = checkValue(def, raw);
    if (checked.ok) out[name] = checked.value;
    else fields.push({ path, message: checked.message });
  }

  if (!opts.partial) {
    for (const def of defs) {
      if (def.isRequired && !Object.hasOwn(input, def.fieldName)) {
        fields.push({ path: `customFields.${def.fieldName}`, message: 'is required' });
      }
    }
  }

  return fields.length ? { ok: false, fields } : { ok: true, values: out };
}

/**
 * Merges validated values onto the stored ones: nulls remove the key, other keys stay as
 * stored. Returns a new object.
 */
export function mergeCustomFieldValues(
  existing: Readonly<Record<string, unknown>> | null | undefined,
  changes: CustomFieldValueMap,
): CustomFieldValueMap {
  const merged: CustomFieldValueMap = {};
  for (const [k, v] of Object.entries(existing ?? {})) {
    if (v !== undefined) merged[k] = v as CustomFieldValue;
  }
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}

/**
 * Whether a stored value matches a filter given as a query-string value.
 *
 * - `filter` `""` matches rows without a value; otherwise a missing value never matches.
 * - TEXT: case-insensitive substring. SELECT, DATE: exact. NUMBER: numeric equality.
 *   BOOLEAN: `"true"` / `"false"`.
 */
export function matchesCustomFieldFilter(
  def: Pick<CustomFieldDef, 'fieldType'>,
  value: unknown,
  filter: string,
): boolean {
  const wanted = filter.trim();
  if (value === null || value === undefined || value === '') return wanted === '';
  if (wanted === '') return false;
  switch (def.fieldType) {
    case 'TEXT':
      return typeof value === 'string' && value.toLowerCase().includes(wanted.toLowerCase());
    case 'NUMBER': {
      const n = Number(wanted);
      return typeof value === 'number' && Number.isFinite(n) && value === n;
    }
    case 'BOOLEAN':
      return (wanted === 'true' || wanted === 'false') && value === (wanted === 'true');
    case 'DATE':
    case 'SELECT':
      return value === wanted;
    default:
      return false;
  }
}
