import { Text } from '@mantine/core';

/** Placeholder until the page lands. */
export function BriefPage() {
  return <Text c="dimmed">Coming soon.</Text>;
}
