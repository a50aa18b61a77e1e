import { Text } from '@mantine/core';

/** Placeholder until the page lands. */
export function ReviewSessionPage() {
  return <Text c="dimmed">Coming soon.</Text>;
}
