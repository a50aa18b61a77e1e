import { Text } from '@mantine/core';

/** Placeholder until the page lands. */
export function ClientReviewPage() {
  return <Text c="dimmed">Coming soon.</Text>;
}
