import { Box, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconBan,
  IconCheck,
  IconCircleDashed,
  IconLock,
  IconPlayerPlay,
  IconEye,
  IconArrowBackUp,
  IconTruckDelivery,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { stageStatusColor, stageStatusLabel } from './status';

export interface StripStage {
  id: string;
  name: string;
  status: string;
  order: number;
}

function fill(status: string): string {
  return `var(--mantine-color-${stageStatusColor(status)}-filled)`;
}

function light(status: string): string {
  return `var(--mantine-color-${stageStatusColor(status)}-light)`;
}

const ICONS: Record<string, (size: number) => ReactNode> = {
  BLOCKED: (s) => <IconLock size={s} />,
  NOT_STARTED: (s) => <IconCircleDashed size={s} />,
  IN_PROGRESS: (s) => <IconPlayerPlay size={s} />,
  IN_REVIEW: (s) => <IconEye size={s} />,
  CHANGES_REQUESTED: (s) => <IconArrowBackUp size={s} />,
  APPROVED: (s) => <IconCheck size={s} />,
  DELIVERED: (s) => <IconTruckDelivery size={s} />,
  SKIPPED: (s) => <IconBan size={s} />,
};

export function StageStatusIcon({ status, size = 13 }: { status: string; size?: number }) {
  return <>{ICONS[status]?.(size) ?? null}</>;
}

/**
 * A compact strip of segments, one per stage, coloured by status (for table rows and cards).
 */
export function StageStrip({
  stages,
  currentId,
  width = 150,
}: {
  stages: readonly StripStage[];
  currentId?: string | null;
  width?: number;
}) {
  const sorted = [...stages].sort((a, b) => a.order - b.order);
  if (sorted.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        No stages
      </Text>
    );
  }
  return (
    <Group
      gap={2}
      wrap="nowrap"
      w={width}
      role="list"
      aria-label="Stages"
      data-testid="stage-strip"
    >
      {sorted.map((s) => (
        <Tooltip key={s.id} label={`${s.name}: ${stageStatusLabel(s.status)}`} openDelay={150}>
          <Box
            role="listitem"
            aria-label={`${s.name}: ${stageStatusLabel(s.status)}`}
            data-status={s.status}
            style={{
              flex: 1,
              height: 8,
              borderRadius: 2,
              background:
                s.status === 'BLOCKED'
                  ? 'var(--mantine-color-default-border)'
                  : s.status === 'NOT_STARTED'
                    ? light(s.status)
                    : fill(s.status),
              opacity: s.status === 'SKIPPED' ? 0.35 : 1,
              border: s.status === 'NOT_STARTED' ? `1px solid ${fill(s.status)}` : undefined,
              outline: s.id === currentId ? '2px solid var(--mantine-color-text)' : undefined,
              outlineOffset: 1,
            }}
          />
        </Tooltip>
      ))}
    </Group>
  );
}

export interface ChipStage extends StripStage {
  slug: string;
}

/** One clickable chip per stage, coloured by status (the deliverable page). */
export function StageChips({
  stages,
  selectedId,
  onSelect,
}: {
  stages: readonly ChipStage[];
  selectedId: string | null;
  onSelect: (stage: ChipStage) => void;
}) {
  const sorted = [...stages].sort((a, b) => a.order - b.order);
  return (
    <Group gap={6} wrap="wrap" role="tablist" aria-label="Stages" data-testid="stage-chips">
      {sorted.map((s, i) => {
        const selected = s.id === selectedId;
        const color = stageStatusColor(s.status);
        return (
          <Group key={s.id} gap={6} wrap="nowrap">
            {i > 0 ? (
              <Box
                aria-hidden
                w={10}
                h={2}
                style={{ background: 'var(--mantine-color-default-border)' }}
              />
            ) : null}
            <UnstyledButton
              role="tab"
              aria-selected={selected}
              onClick={() => onSelect(s)}
              data-testid={`stage-chip-${s.slug}`}
              data-status={s.status}
              data-selected={selected || undefined}
              px={10}
              py={5}
              style={{
                borderRadius: 999,
                border:
                  s.status === 'BLOCKED'
                    ? `1px dashed var(--mantine-color-${color}-outline)`
                    : `1px solid var(--mantine-color-${color}-${s.status === 'NOT_STARTED' ? 'outline' : 'filled'})`,
                background: selected
                  ? fill(s.status)
                  : s.status === 'BLOCKED'
                    ? 'transparent'
                    : light(s.status),
                color: selected
                  ? 'var(--mantine-color-white)'
                  : s.status === 'BLOCKED'
                    ? 'var(--mantine-color-dimmed)'
                    : `var(--mantine-color-${color}-light-color)`,
                boxShadow: selected ? 'var(--mantine-shadow-sm)' : undefined,
                textDecoration: s.status === 'SKIPPED' ? 'line-through' : undefined,
                fontSize: 'var(--mantine-font-size-sm)',
                fontWeight: 500,
              }}
            >
              <Group gap={6} wrap="nowrap">
                <StageStatusIcon status={s.status} />
                <span>{s.name}</span>
              </Group>
            </UnstyledButton>
          </Group>
        );
      })}
    </Group>
  );
}
