import { ApiError, isApiError } from '../../lib/api';
import { isIsoDate } from '../../../domain/custom-fields';
import type { CustomField, CustomFieldValues } from './types';

/** What a form holds for one field: text for TEXT/NUMBER/DATE, null|option for SELECT. */
export type DraftValue = string | boolean | null;
export type CustomFieldDraft = Record<string, DraftValue>;

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const numberFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });

/** A stored value as text for tables and headers ('' when there is none). */
export function formatCustomValue(field: Pick<CustomField, 'fieldType'>, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.fieldType) {
    case 'BOOLEAN':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'NUMBER':
      return typeof value === 'number' ? numberFmt.format(value) : String(value);
    case 'DATE': {
      // A calendar date: show it in local time without a zone shift.
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      if (!m) return String(value);
      return dateFmt.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Form value of a stored value. */
export function toDraftValue(field: CustomField, value: unknown): DraftValue {
  switch (field.fieldType) {
    case 'BOOLEAN':
      return value === true;
    case 'SELECT':
      return typeof value === 'string' && value ? value : null;
    case 'NUMBER':
      return typeof value === 'number' ? String(value) : '';
    default:
      return typeof value === 'string' ? value : '';
  }
}

export function toDraft(fields: readonly CustomField[], values: CustomFieldValues | null) {
  const out: CustomFieldDraft = {};
  for (const f of fields) out[f.fieldName] = toDraftValue(f, values?.[f.fieldName]);
  return out;
}

const isEmpty = (v: DraftValue) => v === null || (typeof v === 'string' && v.trim() === '');

type Parsed = { ok: true; value: string | number | boolean | null } | { ok: false; error: string };

/** A form value as the API wants it (null = no value), or why it cannot be sent. */
function parseDraftValue(field: CustomField, v: DraftValue): Parsed {
  if (field.fieldType === 'BOOLEAN') return { ok: true, value: v === true };
  if (isEmpty(v)) return { ok: true, value: null };
  const s = String(v).trim();
  switch (field.fieldType) {
    case 'NUMBER': {
      const n = Number(s);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'Enter a number' };
    }
    case 'DATE':
      return isIsoDate(s) ? { ok: true, value: s } : { ok: false, error: 'Enter a date' };
    default:
      return { ok: true, value: s };
  }
}

export interface DraftResult {
  /** Field name → message, for the inputs. */
  errors: Record<string, string>;
  /** What to send as `customFields` (undefined: nothing to send). */
  values: Record<string, string | number | boolean | null> | undefined;
}

/**
 * Checks a form and builds the `customFields` body.
 *
 * - Create (`stored === null`): every field with a value is sent; required fields must be set.
 * - Edit: only the fields that changed are sent, null clears one; clearing a required field
 *   is refused (the server ignores required fields that were never set, and so do we).
 */
export function buildCustomFieldValues(
  fields: readonly CustomField[],
  draft: CustomFieldDraft,
  stored: CustomFieldValues | null,
): DraftResult {
  const errors: Record<string, string> = {};
  const values: Record<string, string | number | boolean | null> = {};
  for (const f of fields) {
    const name = f.fieldName;
    const parsed = parseDraftValue(f, draft[name] ?? toDraftValue(f, undefined));
    if (!parsed.ok) {
      errors[name] = parsed.error;
      continue;
    }
    if (stored === null) {
      // An optional yes/no left off is simply not set (it reads as "no").
      if (f.fieldType === 'BOOLEAN' && parsed.value === false && !f.isRequired) continue;
      if (parsed.value === null) {
        if (f.isRequired) errors[name] = 'Required';
        continue;
      }
      values[name] = parsed.value;
      continue;
    }
    const before = parseDraftValue(f, toDraftValue(f, stored[name]));
    const beforeValue = before.ok ? before.value : null;
    if (parsed.value === beforeValue) continue;
    // An unset boolean reads as "no": leaving it off is not a change.
    if (f.fieldType === 'BOOLEAN' && parsed.value === false && stored[name] === undefined) continue;
    if (parsed.value === null && f.isRequired) {
      errors[name] = 'Required';
      continue;
    }
    values[name] = parsed.value;
  }
  return { errors, values: Object.keys(values).length ? values : undefined };
}

/**
 * Splits a failed request's field errors: `customFields.<name>` ones by field name, and the
 * error without them (so the other inputs are matched as before).
 */
export function splitCustomFieldErrors(error: unknown): {
  custom: Record<string, string>;
  rest: unknown;
} {
  if (!isApiError(error)) return { custom: {}, rest: error };
  const custom: Record<string, string> = {};
  const others = error.fields.filter((f) => {
    const m = /(?:^|\.)customFields\.(.+)$/.exec(f.path);
    if (!m?.[1]) return true;
    custom[m[1]] ??= f.message;
    return false;
  });
  const rest = new ApiError({
    status: error.status,
    code: error.code,
    message: error.message,
    fields: others,
    retryAfter: error.retryAfter,
  });
  return { custom, rest };
}
