import { Badge } from '@mantine/core';
import type { PlanAction } from './types';

const COLOR: Record<PlanAction, string> = { create: 'teal', update: 'blue', unchanged: 'gray' };
const LABEL: Record<PlanAction, string> = {
  create: 'Create',
  update: 'Update',
  unchanged: 'Unchanged',
};

export function ActionBadge({ action }: { action: PlanAction }) {
  return (
    <Badge size="sm" variant="light" color={COLOR[action]}>
      {LABEL[action]}
    </Badge>
  );
}
