import { Text } from '@mantine/core';

/** Placeholder until the page lands. */
export function BoxSettingsPage() {
  return <Text c="dimmed">Coming soon.</Text>;
}
