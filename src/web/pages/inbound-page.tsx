import { Text } from '@mantine/core';

/** Placeholder until the page lands. */
export function InboundPage() {
  return <Text c="dimmed">Coming soon.</Text>;
}
