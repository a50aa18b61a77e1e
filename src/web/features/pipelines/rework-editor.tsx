import { ActionIcon, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { stageLabel, type DraftRework, type DraftStage } from './draft';

export interface ReworkEditorProps {
  stages: DraftStage[];
  reworks: DraftRework[];
  readOnly: boolean;
  onAdd: () => void;
  onChange: (id: string, patch: Partial<DraftRework>) => void;
  onRemove: (id: string) => void;
}

/** Declared backward moves: from a later stage back to an earlier one. */
export function ReworkEditor({
  stages,
  reworks,
  readOnly,
  onAdd,
  onChange,
  onRemove,
}: ReworkEditorProps) {
  const options = [
    { value: '', label: 'Choose a stage…' },
    ...stages.map((s, i) => ({ value: s.key, label: `${i + 1}. ${stageLabel(s, i)}` })),
  ];
  return (
    <Stack gap="xs" data-testid="rework-list">
      {reworks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No rework paths: stages only move forward. Add one to let a later stage send work back
          (e.g. Final Approval → Creative).
        </Text>
      ) : null}
      {reworks.map((r, i) => (
        <Group key={r.id} gap="xs" wrap="nowrap" data-testid={`rework-row-${i}`}>
          <NativeSelect
            aria-label="From stage"
            size="xs"
            data={options}
            value={r.from}
            onChange={(e) => onChange(r.id, { from: e.currentTarget.value })}
            disabled={readOnly}
            style={{ flex: 1 }}
            data-testid={`rework-from-${i}`}
          />
          <IconArrowBackUp
            size={18}
            color="var(--mantine-color-orange-6)"
            style={{ flexShrink: 0, transform: 'scaleX(-1)' }}
            aria-label="sends back to"
          />
          <NativeSelect
            aria-label="Back to stage"
            size="xs"
            data={options}
            value={r.to}
            onChange={(e) => onChange(r.id, { to: e.currentTarget.value })}
            disabled={readOnly}
            style={{ flex: 1 }}
            data-testid={`rework-to-${i}`}
          />
          {!readOnly ? (
            <ActionIcon
              size="sm"
              color="red"
              aria-label="Remove rework path"
              onClick={() => onRemove(r.id)}
              data-testid={`rework-remove-${i}`}
            >
              <IconTrash size={15} />
            </ActionIcon>
          ) : null}
        </Group>
      ))}
      {!readOnly ? (
        <Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={onAdd}
            disabled={stages.length < 2}
            data-testid="rework-add"
          >
            Add rework path
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
