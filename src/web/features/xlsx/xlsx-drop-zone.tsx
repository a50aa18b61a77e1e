import { Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useRef, useState, type DragEvent } from 'react';

const ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxDropZoneProps {
  onFile: (file: File) => void;
  loading?: boolean;
}

/** Drop a workbook here, or choose one. */
export function XlsxDropZone({ onFile, loading = false }: XlsxDropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <Paper
      withBorder
      p="xl"
      radius="md"
      data-testid="xlsx-dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-primary-color-filled)' : undefined,
        background: over ? 'var(--mantine-primary-color-light)' : undefined,
        transition: 'background 120ms, border-color 120ms',
      }}
    >
      <Stack align="center" gap="xs">
        {loading ? <Loader size="md" /> : <IconFileSpreadsheet size={40} stroke={1.4} />}
        <Text fw={500}>{loading ? 'Reading the workbook…' : 'Drop an .xlsx workbook here'}</Text>
        <Text size="sm" c="dimmed" ta="center" maw={520}>
          One row per deliverable, with its project’s OMG job number. You will map the columns and
          see what would change before anything is written.
        </Text>
        <Group gap="xs" mt="xs">
          <Button
            leftSection={<IconUpload size={16} />}
            onClick={() => input.current?.click()}
            disabled={loading}
            data-testid="xlsx-choose"
          >
            Choose a file
          </Button>
        </Group>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          data-testid="xlsx-file-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onFile(file);
          }}
        />
      </Stack>
    </Paper>
  );
}
