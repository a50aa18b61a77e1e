import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate } from '../../lib/format';
import { StageStrip } from '../stages/stage-strip';
import { DeliverableStatusBadge, PriorityBadge, StageStatusBadge } from '../stages/status-badges';
import { isOverdue } from '../stages/status';
import { AssigneeAvatars } from './assignee-avatars';
import type { DeliverableRow, DeliverableSort } from './types';

export interface DeliverableColumn {
  id: string;
  label: string;
  width?: number;
  /** Sorts this column can toggle between (first = first click). */
  sorts?: readonly DeliverableSort[];
  render: (row: DeliverableRow) => ReactNode;
}

/** Optional columns of the deliverables table (the name is always shown). */
export const DELIVERABLE_COLUMNS: readonly DeliverableColumn[] = [
  {
    id: 'project',
    label: 'Project',
    render: (d) => (
      <>
        <Text size="sm" truncate>
          {d.project.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {d.project.projectCode}
        </Text>
      </>
    ),
  },
  {
    id: 'omg',
    label: 'OMG #',
    width: 100,
    render: (d) => (
      <Text size="sm" ff="monospace">
        {d.project.omgJobNumber ?? '—'}
      </Text>
    ),
  },
  {
    id: 'status',
    label: 'Status',
    width: 120,
    render: (d) => <DeliverableStatusBadge status={d.status} />,
  },
  {
    id: 'stage',
    label: 'Current stage',
    width: 210,
    render: (d) =>
      d.currentStage ? (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" truncate>
            {d.currentStage.name}
          </Text>
          <StageStatusBadge status={d.currentStage.status} size="xs" />
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ),
  },
  {
    id: 'strip',
    label: 'Stages',
    width: 170,
    render: (d) => <StageStrip stages={d.stages} currentId={d.currentStage?.id} />,
  },
  {
    id: 'assignees',
    label: 'People',
    width: 120,
    render: (d) => <AssigneeAvatars assignees={d.assignees} />,
  },
  {
    id: 'priority',
    label: 'Priority',
    width: 100,
    render: (d) => <PriorityBadge priority={d.priority} />,
  },
  {
    id: 'due',
    label: 'Due',
    width: 120,
    sorts: ['dueDate', '-dueDate'],
    render: (d) => (
      <Text size="sm" c={isOverdue(d.dueDate, d.status === 'APPROVED') ? 'red' : undefined}>
        {formatDate(d.dueDate)}
      </Text>
    ),
  },
  {
    id: 'created',
    label: 'Created',
    width: 120,
    sorts: ['-createdAt'],
    render: (d) => <Text size="sm">{formatDate(d.createdAt)}</Text>,
  },
];

export const DEFAULT_VISIBLE_COLUMNS = [
  'project',
  'omg',
  'status',
  'stage',
  'strip',
  'assignees',
  'due',
];

export const SORT_OPTIONS: { value: DeliverableSort; label: string }[] = [
  { value: 'dueDate', label: 'Due soonest' },
  { value: '-dueDate', label: 'Due latest' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-createdAt', label: 'Newest first' },
];
