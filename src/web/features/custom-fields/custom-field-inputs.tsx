import {
  Alert,
  Divider,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { errorMessage } from '../../lib/api';
import type { CustomField } from './types';
import { toDraftValue, type CustomFieldDraft, type DraftValue } from './values';

export interface CustomFieldInputsProps {
  fields: readonly CustomField[] | undefined;
  loading?: boolean;
  loadError?: unknown;
  draft: CustomFieldDraft;
  errors: Record<string, string | undefined>;
  onChange: (fieldName: string, value: DraftValue) => void;
  disabled?: boolean;
}

const sentence = (s: string | undefined) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** One input per custom field of an entity type, in the organization's order. */
export function CustomFieldInputs({
  fields,
  loading,
  loadError,
  draft,
  errors,
  onChange,
  disabled,
}: CustomFieldInputsProps) {
  if (loading) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Skeleton height={56} />
        <Skeleton height={56} />
      </SimpleGrid>
    );
  }
  if (loadError) {
    return (
      <Alert color="orange" variant="light" title="Custom fields unavailable">
        {errorMessage(loadError)}
      </Alert>
    );
  }
  if (!fields?.length) return null;
  return (
    <Stack gap="sm" data-testid="custom-field-inputs">
      <Divider label="Custom fields" labelPosition="left" />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {fields.map((f) => (
          <CustomFieldInput
            key={f.id}
            field={f}
            value={draft[f.fieldName] ?? toDraftValue(f, undefined)}
            error={sentence(errors[f.fieldName])}
            onChange={(v) => onChange(f.fieldName, v)}
            disabled={disabled}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function CustomFieldInput({
  field,
  value,
  error,
  onChange,
  disabled,
}: {
  field: CustomField;
  value: DraftValue;
  error: string | undefined;
  onChange: (v: DraftValue) => void;
  disabled?: boolean;
}) {
  const common = {
    label: field.fieldName,
    required: field.isRequired,
    error,
    disabled,
    'data-testid': `cf-input-${field.fieldName}`,
  };
  switch (field.fieldType) {
    case 'NUMBER':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(String(v))}
          allowDecimal
          allowNegative
          hideControls
        />
      );
    case 'DATE':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'SELECT': {
      const current = typeof value === 'string' ? value : null;
      const data =
        current && !field.options.includes(current) ? [...field.options, current] : field.options;
      return (
        <Select
          {...common}
          placeholder={field.isRequired ? 'Choose…' : 'None'}
          data={data}
          value={current}
          onChange={(v) => onChange(v)}
          clearable={!field.isRequired}
          allowDeselect={!field.isRequired}
          searchable={data.length > 8}
          comboboxProps={{ withinPortal: true }}
        />
      );
    }
    case 'BOOLEAN':
      return (
        <Switch
          label={field.fieldName}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
          disabled={disabled}
          mt={{ xs: 28 }}
          data-testid={`cf-input-${field.fieldName}`}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          maxLength={2000}
        />
      );
  }
}
