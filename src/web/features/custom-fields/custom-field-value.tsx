import { Badge, Text } from '@mantine/core';
import type { CustomField } from './types';
import { formatCustomValue } from './values';

/** A stored custom field value for tables and headers ("—" when unset). */
export function CustomFieldValue({
  field,
  value,
  size = 'sm',
}: {
  field: Pick<CustomField, 'fieldType' | 'fieldName'>;
  value: unknown;
  size?: 'xs' | 'sm';
}) {
  const text = formatCustomValue(field, value);
  if (!text) {
    return (
      <Text span size={size} c="dimmed">
        —
      </Text>
    );
  }
  if (field.fieldType === 'SELECT') {
    return (
      <Badge variant="light" color="gray" tt="none" fw={500} size={size === 'xs' ? 'sm' : 'md'}>
        {text}
      </Badge>
    );
  }
  return (
    <Text
      span
      size={size}
      ff={field.fieldType === 'NUMBER' ? 'monospace' : undefined}
      lineClamp={2}
    >
      {text}
    </Text>
  );
}
