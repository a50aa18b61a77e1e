import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CustomFieldInputsProps } from './custom-field-inputs';
import { useCustomFields } from './queries';
import type { CustomFieldEntityType, CustomFieldValues } from './types';
import {
  buildCustomFieldValues,
  splitCustomFieldErrors,
  toDraft,
  type CustomFieldDraft,
  type DraftValue,
} from './values';

/**
 * Custom field state of a create/edit form: the definitions, what was typed, and the errors
 * (client-side, and `customFields.<name>` ones from the server).
 *
 * `stored` is null when creating, the row's `customFields` when editing; `resetKey` (the row
 * id) clears the edits when another row is opened.
 */
export function useCustomFieldForm(
  entityType: CustomFieldEntityType,
  opened: boolean,
  stored: CustomFieldValues | null,
  resetKey?: string,
) {
  const fields = useCustomFields(entityType, opened);
  const [edits, setEdits] = useState<CustomFieldDraft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!opened) return;
    setEdits({});
    setErrors({});
  }, [opened, resetKey]);

  const defs = fields.data;
  // What the inputs show: the stored values with the edits on top.
  const draft = useMemo(
    () => ({ ...toDraft(defs ?? [], stored), ...edits }),
    [defs, stored, edits],
  );

  const setValue = useCallback((name: string, value: DraftValue) => {
    setEdits((e) => ({ ...e, [name]: value }));
    setErrors((e) => {
      if (!(name in e)) return e;
      const next = { ...e };
      delete next[name];
      return next;
    });
  }, []);

  /** Validates; `values` is the `customFields` body (undefined = nothing to send). */
  const build = (): {
    ok: boolean;
    values: ReturnType<typeof buildCustomFieldValues>['values'];
  } => {
    if (!defs) return { ok: true, values: undefined };
    const result = buildCustomFieldValues(defs, draft, stored);
    setErrors(result.errors);
    return Object.keys(result.errors).length
      ? { ok: false, values: undefined }
      : { ok: true, values: result.values };
  };

  /**
   * Shows the server's `customFields.<name>` errors under their inputs. Returns the error
   * without them (to match the other inputs), and whether any was shown.
   */
  const fromServer = (error: unknown) => {
    const { custom, rest } = splitCustomFieldErrors(error);
    const known = new Set((defs ?? []).map((d) => d.fieldName));
    // Kept for fields the form does not show yet: they appear once the definitions are
    // fetched again (a field defined meanwhile), with their message.
    setErrors(custom);
    if (Object.keys(custom).some((k) => !known.has(k))) void fields.refetch();
    return { rest, shown: Object.keys(custom).some((k) => known.has(k)) };
  };

  const inputProps: CustomFieldInputsProps = {
    fields: defs,
    loading: opened && fields.isPending,
    loadError: fields.isError ? fields.error : undefined,
    draft,
    errors,
    onChange: setValue,
  };

  return {
    fields: defs,
    /** Whether an input shows an error (errors of fields not shown yet do not count). */
    hasErrors: Object.keys(errors).some((k) => defs?.some((d) => d.fieldName === k)),
    build,
    fromServer,
    inputProps,
  };
}
