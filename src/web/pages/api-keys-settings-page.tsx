import { Text } from '@mantine/core';

/** Placeholder until the page lands. */
export function ApiKeysSettingsPage() {
  return <Text c="dimmed">Coming soon.</Text>;
}
