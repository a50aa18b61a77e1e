import { TextInput, type TextInputProps } from '@mantine/core';

/** Lowercase URL-safe identifier input. */
export function SlugField(
  props: Omit<TextInputProps, 'onChange'> & { onChange: (v: string) => void },
) {
  const { onChange, ...rest } = props;
  return (
    <TextInput
      label="Slug"
      description="Short identifier used in URLs. Leave empty to derive it from the name."
      {...rest}
      onChange={(e) =>
        onChange(
          e.currentTarget.value
            .toLowerCase()
            .replace(/[^a-z0-9-]+/g, '-')
            .slice(0, 64),
        )
      }
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
    />
  );
}
