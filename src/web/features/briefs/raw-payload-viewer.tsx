import { Code, Paper, ScrollArea, Text } from '@mantine/core';

/** What the sender sent that the brief has no field for, as formatted JSON. */
export function RawPayloadViewer({ payload }: { payload: unknown }) {
  if (payload === null || payload === undefined) {
    return (
      <Text size="sm" c="dimmed" data-testid="brief-raw-payload-empty">
        Nothing beyond the mapped fields.
      </Text>
    );
  }
  return (
    <Paper withBorder radius="sm">
      <ScrollArea.Autosize mah={320}>
        <Code block fz="xs" data-testid="brief-raw-payload" style={{ background: 'transparent' }}>
          {JSON.stringify(payload, null, 2)}
        </Code>
      </ScrollArea.Autosize>
    </Paper>
  );
}
