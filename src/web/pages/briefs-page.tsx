import { Text } from '@mantine/core';

/** Placeholder until the page lands. */
export function BriefsPage() {
  return <Text c="dimmed">Coming soon.</Text>;
}
