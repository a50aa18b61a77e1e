import {
  ActionIcon,
  Badge,
  Box,
  ColorInput,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconTrash } from '@tabler/icons-react';
import { memo, useState, type DragEvent } from 'react';
import { slugify } from '../../../domain/slug';
import { APPROVAL_OPTIONS, type ApprovalType } from '../stages/status';
import { STAGE_COLORS, stageLabel, type DraftStage } from './draft';

export interface StageListEditorProps {
  stages: DraftStage[];
  readOnly: boolean;
  /** Keys of stages named by a problem. */
  problemKeys: ReadonlySet<string>;
  onChange: (key: string, patch: Partial<DraftStage>) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (key: string) => void;
}

/** Ordered stage cards: drag the grip (or use the arrows) to reorder. */
export function StageListEditor({
  stages,
  readOnly,
  problemKeys,
  onChange,
  onMove,
  onRemove,
}: StageListEditorProps) {
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  const [armed, setArmed] = useState<number | null>(null);

  const options = stages.map((s, i) => ({ value: s.key, label: stageLabel(s, i) }));

  const endDrag = () => {
    setDragIndex(null);
    setOverIndex(null);
    setArmed(null);
  };

  return (
    <Stack gap="xs" data-testid="stage-list">
      {stages.map((stage, index) => {
        const dropHint =
          dragIndex !== null && overIndex === index && dragIndex !== index
            ? dragIndex < index
              ? 'after'
              : 'before'
            : null;
        return (
          <Box
            key={stage.key}
            draggable={!readOnly && armed === index}
            onDragStart={(e: DragEvent) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(index));
              setDragIndex(index);
            }}
            onDragOver={(e: DragEvent) => {
              if (dragIndex === null) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (overIndex !== index) setOverIndex(index);
            }}
            onDrop={(e: DragEvent) => {
              e.preventDefault();
              if (dragIndex !== null) onMove(dragIndex, index);
              endDrag();
            }}
            onDragEnd={endDrag}
            style={{
              opacity: dragIndex === index ? 0.45 : 1,
              borderTop:
                dropHint === 'before'
                  ? '2px solid var(--mantine-primary-color-filled)'
                  : '2px solid transparent',
              borderBottom:
                dropHint === 'after'
                  ? '2px solid var(--mantine-primary-color-filled)'
                  : '2px solid transparent',
            }}
          >
            <StageCard
              stage={stage}
              index={index}
              count={stages.length}
              options={options}
              readOnly={readOnly}
              hasProblem={problemKeys.has(stage.key)}
              onChange={onChange}
              onMove={onMove}
              onRemove={onRemove}
              onArm={setArmed}
            />
          </Box>
        );
      })}
    </Stack>
  );
}

interface StageCardProps {
  stage: DraftStage;
  index: number;
  count: number;
  options: { value: string; label: string }[];
  readOnly: boolean;
  hasProblem: boolean;
  onChange: (key: string, patch: Partial<DraftStage>) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (key: string) => void;
  onArm: (index: number | null) => void;
}

const StageCard = memo(function StageCard({
  stage,
  index,
  count,
  options,
  readOnly,
  hasProblem,
  onChange,
  onMove,
  onRemove,
  onArm,
}: StageCardProps) {
  const set = (patch: Partial<DraftStage>) => onChange(stage.key, patch);
  const prereqOptions = options.filter((o) => o.value !== stage.key);
  const color = stage.color || 'var(--mantine-color-gray-5)';
  return (
    <Paper
      withBorder
      p="sm"
      data-testid={`stage-row-${index}`}
      data-problem={hasProblem || undefined}
      style={{
        borderLeft: `4px solid ${color}`,
        boxShadow: hasProblem ? '0 0 0 1.5px var(--mantine-color-red-6)' : undefined,
      }}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Stack gap={2} align="center" pb={4} style={{ flexShrink: 0 }}>
          {!readOnly ? (
            <ActionIcon
              size="sm"
              aria-label={`Drag ${stageLabel(stage, index)} to reorder`}
              style={{ cursor: 'grab' }}
              onMouseDown={() => onArm(index)}
              onMouseUp={() => onArm(null)}
              onTouchStart={() => onArm(index)}
              data-testid={`stage-drag-${index}`}
            >
              <IconGripVertical size={16} />
            </ActionIcon>
          ) : null}
          <Text size="xs" c="dimmed" fw={600} w={20} ta="center">
            {index + 1}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
          <TextInput
            label="Name"
            size="xs"
            placeholder="e.g. Creative"
            maxLength={100}
            value={stage.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            readOnly={readOnly}
            style={{ flex: '2 1 180px' }}
            data-testid={`stage-name-${index}`}
          />
          <TextInput
            label="Slug"
            size="xs"
            placeholder={slugify(stage.name) || 'derived from name'}
            value={stage.slug}
            onChange={(e) =>
              set({
                slug: e.currentTarget.value
                  .toLowerCase()
                  .replace(/[^a-z0-9-]+/g, '-')
                  .slice(0, 80),
              })
            }
            readOnly={readOnly}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            style={{ flex: '1 1 140px' }}
            data-testid={`stage-slug-${index}`}
          />
          <ColorInput
            label="Colour"
            size="xs"
            format="hex"
            swatches={STAGE_COLORS}
            swatchesPerRow={7}
            withEyeDropper={false}
            withPicker={!readOnly}
            closeOnColorSwatchClick
            placeholder="none"
            value={stage.color}
            onChange={(v) => set({ color: v })}
            readOnly={readOnly}
            w={118}
            data-testid={`stage-color-${index}`}
          />
          <NumberInput
            label="Est. days"
            size="xs"
            min={0}
            max={365}
            step={0.5}
            decimalScale={1}
            placeholder="—"
            value={stage.estimatedDays ?? ''}
            onChange={(v) => set({ estimatedDays: v === '' || v === null ? null : Number(v) })}
            readOnly={readOnly}
            w={84}
            data-testid={`stage-days-${index}`}
          />
          <NativeSelect
            label="Approval"
            size="xs"
            data={APPROVAL_OPTIONS}
            value={stage.approvalType}
            onChange={(e) => set({ approvalType: e.currentTarget.value as ApprovalType })}
            disabled={readOnly}
            w={140}
            data-testid={`stage-approval-${index}`}
          />
          <Stack gap={6} pb={2}>
            <Switch
              size="xs"
              label="Optional"
              checked={stage.isOptional}
              onChange={(e) => set({ isOptional: e.currentTarget.checked })}
              disabled={readOnly}
              data-testid={`stage-optional-${index}`}
            />
            <Tooltip label="Every later stage waits until this one is approved" openDelay={500}>
              <Switch
                size="xs"
                label="Critical gate"
                checked={stage.isCriticalGate}
                onChange={(e) => set({ isCriticalGate: e.currentTarget.checked })}
                disabled={readOnly}
                data-testid={`stage-gate-${index}`}
              />
            </Tooltip>
          </Stack>
        </Group>
        {!readOnly ? (
          <Group gap={2} wrap="nowrap" pb={4} style={{ flexShrink: 0 }}>
            <ActionIcon
              size="sm"
              aria-label="Move up"
              disabled={index === 0}
              onClick={() => onMove(index, index - 1)}
              data-testid={`stage-up-${index}`}
            >
              <IconArrowUp size={15} />
            </ActionIcon>
            <ActionIcon
              size="sm"
              aria-label="Move down"
              disabled={index === count - 1}
              onClick={() => onMove(index, index + 1)}
              data-testid={`stage-down-${index}`}
            >
              <IconArrowDown size={15} />
            </ActionIcon>
            <ActionIcon
              size="sm"
              color="red"
              aria-label={`Remove ${stageLabel(stage, index)}`}
              onClick={() => onRemove(stage.key)}
              data-testid={`stage-remove-${index}`}
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Group>
        ) : null}
      </Group>
      <Group gap="xs" align="flex-start" wrap="wrap" mt="xs" pl={36}>
        <MultiSelect
          label="Waits for"
          size="xs"
          placeholder={stage.prerequisites.length ? undefined : 'No prerequisites: starts ready'}
          data={prereqOptions}
          value={stage.prerequisites.filter((p) => prereqOptions.some((o) => o.value === p))}
          onChange={(v) => set({ prerequisites: v })}
          readOnly={readOnly}
          clearable={!readOnly}
          searchable={!readOnly}
          style={{ flex: '2 1 220px' }}
          data-testid={`stage-prereqs-${index}`}
        />
        <TagsInput
          label="Sub-statuses"
          size="xs"
          placeholder={stage.customStatuses.length ? undefined : 'Type and press Enter'}
          value={stage.customStatuses}
          onChange={(v) => set({ customStatuses: v })}
          readOnly={readOnly}
          maxTags={30}
          clearable={!readOnly}
          style={{ flex: '2 1 220px' }}
          data-testid={`stage-substatuses-${index}`}
        />
        <TextInput
          label="Description"
          size="xs"
          placeholder="Optional"
          value={stage.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
          readOnly={readOnly}
          style={{ flex: '2 1 200px' }}
          data-testid={`stage-description-${index}`}
        />
        {stage.isNew && !readOnly ? (
          <Badge variant="light" size="xs" mt={22}>
            New
          </Badge>
        ) : null}
      </Group>
    </Paper>
  );
});
