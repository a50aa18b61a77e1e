import { Skeleton, Stack } from '@mantine/core';

export function TableSkeleton({ rows = 6, height = 30 }: { rows?: number; height?: number }) {
  return (
    <Stack gap={6} aria-busy="true" aria-label="Loading">
      <Skeleton height={height - 4} width="40%" radius="sm" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={height} radius="sm" />
      ))}
    </Stack>
  );
}
