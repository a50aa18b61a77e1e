import {
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { CUSTOM_FIELD_NAME_MAX, CUSTOM_FIELD_NAME_PATTERN } from '../../../domain/custom-fields';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { isApiError } from '../../lib/api';
import { useFieldErrors } from '../../lib/form';
import { useCreateCustomField, useUpdateCustomField } from './queries';
import {
  CUSTOM_FIELD_TYPE_OPTIONS,
  ENTITY_LABEL,
  type CustomField,
  type CustomFieldEntityType,
  type CustomFieldPatch,
  type CustomFieldType,
} from './types';

export interface CustomFieldFormModalProps {
  opened: boolean;
  entityType: CustomFieldEntityType;
  /** null = create */
  field: CustomField | null;
  onClose: () => void;
}

/**
 * Options typed one per line; a single line with commas is read as a comma-separated list.
 * Unchanged text keeps the stored options as they are.
 */
export function parseOptions(text: string, stored?: readonly string[]): string[] {
  if (stored && text === stored.join('\n')) return [...stored];
  const parts = text.includes('\n') ? text.split('\n') : text.split(',');
  return parts.map((p) => p.trim()).filter(Boolean);
}

function duplicate(options: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o)) return o;
    seen.add(o);
  }
  return undefined;
}

export function CustomFieldFormModal({
  opened,
  entityType,
  field,
  onClose,
}: CustomFieldFormModalProps) {
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const mutation = field ? update : create;
  const form = useFieldErrors();
  const [name, setName] = useState('');
  const [type, setType] = useState<CustomFieldType>('TEXT');
  const [optionsText, setOptionsText] = useState('');
  const [required, setRequired] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName(field?.fieldName ?? '');
    setType(field?.fieldType ?? 'TEXT');
    setOptionsText(field?.options.join('\n') ?? '');
    setRequired(field?.isRequired ?? false);
    form.clear();
    create.reset();
    update.reset();
  }, [opened, field?.id]);

  const options = useMemo(() => parseOptions(optionsText, field?.options), [optionsText, field]);
  const removed = field ? field.options.filter((o) => !options.includes(o)) : [];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    const dup = type === 'SELECT' ? duplicate(options) : undefined;
    const ok = form.validate({
      fieldName: !trimmed
        ? 'Enter a name'
        : trimmed.length > CUSTOM_FIELD_NAME_MAX
          ? `At most ${CUSTOM_FIELD_NAME_MAX} characters`
          : !CUSTOM_FIELD_NAME_PATTERN.test(trimmed)
            ? 'Letters, digits, spaces, hyphens and underscores only'
            : undefined,
      options:
        type !== 'SELECT'
          ? undefined
          : options.length === 0
            ? 'Add at least one option'
            : dup
              ? `“${dup}” is listed twice`
              : undefined,
    });
    if (!ok) return;

    const onError = (err: unknown) => {
      if (!isApiError(err)) return;
      const mapped: Record<string, string> = {};
      for (const f of err.fields) {
        const key = /options/.test(f.path)
          ? 'options'
          : /fieldName/.test(f.path)
            ? 'fieldName'
            : null;
        if (key && !mapped[key]) mapped[key] = f.message;
      }
      if (err.status === 409) {
        if (/option/i.test(err.message)) mapped.options = err.message;
        else if (/named|exists/i.test(err.message)) mapped.fieldName = err.message;
      }
      if (Object.keys(mapped).length) form.setErrors(mapped);
    };
    const done = (message: string) => () => {
      notifySuccess(message);
      onClose();
    };

    if (field) {
      const patch: CustomFieldPatch = {};
      if (trimmed !== field.fieldName) patch.fieldName = trimmed;
      if (required !== field.isRequired) patch.isRequired = required;
      if (type === 'SELECT' && options.join('\n') !== field.options.join('\n'))
        patch.options = options;
      if (Object.keys(patch).length === 0) return onClose();
      update.mutate(
        { id: field.id, patch },
        { onSuccess: done(`Field “${trimmed}” saved.`), onError },
      );
    } else {
      create.mutate(
        {
          entityType,
          fieldName: trimmed,
          fieldType: type,
          isRequired: required,
          ...(type === 'SELECT' ? { options } : {}),
        },
        { onSuccess: done(`Field “${trimmed}” created.`), onError },
      );
    }
  };

  const hasFieldError = Object.values(form.errors).some(Boolean);
  const entity = ENTITY_LABEL[entityType];

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={field ? `Edit ${entity.one} field` : `New ${entity.one} field`}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {mutation.isError && !hasFieldError ? (
            <ErrorAlert error={mutation.error} title="Could not save" />
          ) : null}
          <TextInput
            label="Name"
            description={
              field
                ? `Renaming keeps the values stored on every ${entity.one}.`
                : 'Shown as the label in forms and as the column title.'
            }
            placeholder="e.g. Region"
            required
            data-autofocus
            maxLength={CUSTOM_FIELD_NAME_MAX + 10}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              form.clear('fieldName');
            }}
            error={form.errors.fieldName}
            data-testid="cf-name"
          />
          <Select
            label="Type"
            description={field ? 'The type cannot change once the field exists.' : undefined}
            data={CUSTOM_FIELD_TYPE_OPTIONS}
            value={type}
            onChange={(v) => {
              if (!v) return;
              setType(v as CustomFieldType);
              form.clear('options');
            }}
            disabled={!!field}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="cf-type"
          />
          {type === 'SELECT' ? (
            <Stack gap={6}>
              <Textarea
                label="Options"
                description="One per line (or separated by commas on a single line), in display order."
                placeholder={'Europe\nNorth America\nAsia'}
                required
                autosize
                minRows={3}
                maxRows={10}
                value={optionsText}
                onChange={(e) => {
                  setOptionsText(e.currentTarget.value);
                  form.clear('options');
                }}
                error={form.errors.options}
                data-testid="cf-options"
              />
              {options.length > 0 ? (
                <Group gap={4}>
                  {options.map((o, i) => (
                    <Badge key={`${o}-${i}`} variant="light" color="gray" tt="none" fw={500}>
                      {o}
                    </Badge>
                  ))}
                </Group>
              ) : null}
              {removed.length > 0 ? (
                <Text size="xs" c="orange.8" data-testid="cf-options-removed">
                  Removing {removed.map((o) => `“${o}”`).join(', ')}: refused while any {entity.one}{' '}
                  still uses {removed.length === 1 ? 'it' : 'them'}.
                </Text>
              ) : null}
            </Stack>
          ) : null}
          <Switch
            label="Required"
            description={`Every new ${entity.one} must have a value.`}
            checked={required}
            onChange={(e) => setRequired(e.currentTarget.checked)}
            data-testid="cf-required"
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="cf-submit">
              {field ? 'Save' : 'Create field'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
