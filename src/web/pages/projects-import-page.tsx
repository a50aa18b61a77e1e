import { Text } from '@mantine/core';

/** Placeholder until the page lands. */
export function ProjectsImportPage() {
  return <Text c="dimmed">Coming soon.</Text>;
}
