import { useCallback, useState } from 'react';
import { isApiError } from './api';

export type FieldErrors = Record<string, string | undefined>;

/**
 * Server field errors keyed by their last path segment (`body.email` → `email`), so they
 * can be shown next to the matching inputs.
 */
export function serverFieldErrors(error: unknown): FieldErrors {
  if (!isApiError(error)) return {};
  const out: FieldErrors = {};
  for (const f of error.fields) {
    const key =
      f.path
        .split(/[.[\]/]/)
        .filter(Boolean)
        .pop() ?? f.path;
    if (key && out[key] === undefined) out[key] = f.message;
  }
  return out;
}

/** Client-side + server field errors for a small form. */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const clear = useCallback((field?: string) => {
    setErrors((prev) => {
      if (!field) return Object.keys(prev).length ? {} : prev;
      if (prev[field] === undefined) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }, []);
  /** Apply client validation results; returns true when the form is valid. */
  const validate = useCallback((result: FieldErrors) => {
    const filtered: FieldErrors = {};
    for (const [k, v] of Object.entries(result)) if (v) filtered[k] = v;
    setErrors(filtered);
    return Object.keys(filtered).length === 0;
  }, []);
  /** Show field errors from a failed request; returns true if any field matched `known`. */
  const fromServer = useCallback((error: unknown, known: readonly string[]) => {
    const fields = serverFieldErrors(error);
    const matched: FieldErrors = {};
    for (const k of known) if (fields[k]) matched[k] = fields[k];
    setErrors(matched);
    return Object.keys(matched).length > 0;
  }, []);
  return { errors, setErrors, clear, validate, fromServer };
}
