import { ActionIcon, Button, Group, Popover, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconBookmark, IconBookmarkPlus, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { VIEW_NAME_MAX, type SavedView } from './saved-views';

export interface SavedViewsBarProps {
  views: readonly SavedView[];
  /** Name of the view the table currently shows, if any. */
  activeName: string | null;
  onApply: (view: SavedView) => void;
  onDelete: (view: SavedView) => void;
  onSave: (name: string) => void;
}

/** Saved views as chips, plus "Save view" (name it, Enter or Save). */
export function SavedViewsBar({
  views,
  activeName,
  onApply,
  onDelete,
  onSave,
}: SavedViewsBarProps) {
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Enter a name');
      return;
    }
    if (trimmed.length > VIEW_NAME_MAX) {
      setError(`At most ${VIEW_NAME_MAX} characters`);
      return;
    }
    onSave(trimmed);
    setOpened(false);
    setName('');
    setError(null);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };

  const exists = views.some((v) => v.name.toLowerCase() === name.trim().toLowerCase());

  return (
    <Group gap={6} wrap="wrap" data-testid="saved-views">
      {views.length > 0 ? (
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
          Views
        </Text>
      ) : null}
      {views.map((v) => {
        const active = v.name === activeName;
        return (
          <Button.Group key={v.name}>
            <Button
              size="compact-sm"
              variant={active ? 'filled' : 'light'}
              leftSection={<IconBookmark size={13} />}
              onClick={() => onApply(v)}
              aria-pressed={active}
              data-testid={`view-${v.name}`}
            >
              {v.name}
            </Button>
            <Tooltip label={`Delete view “${v.name}”`}>
              <Button
                size="compact-sm"
                variant={active ? 'filled' : 'light'}
                px={6}
                aria-label={`Delete view ${v.name}`}
                onClick={() => onDelete(v)}
                data-testid={`view-delete-${v.name}`}
              >
                <IconX size={12} />
              </Button>
            </Tooltip>
          </Button.Group>
        );
      })}
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-start"
        withArrow
        trapFocus
        shadow="md"
      >
        <Popover.Target>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconBookmarkPlus size={14} />}
            onClick={() => {
              // A second click with a name typed saves (the popover's Save does the same).
              if (opened && name.trim()) submit();
              else setOpened((o) => !o);
            }}
            data-testid="view-save"
          >
            Save view
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="xs" w={240}>
              <TextInput
                label="View name"
                description="Saves the filters, sort and columns in this browser."
                placeholder="e.g. Urgent for Lumen"
                size="xs"
                data-autofocus
                value={name}
                onChange={(e) => {
                  setName(e.currentTarget.value);
                  setError(null);
                }}
                error={error}
                data-testid="view-name"
              />
              <Group justify="space-between" gap="xs">
                <Text size="xs" c="dimmed">
                  {exists ? 'Replaces the view of that name' : ''}
                </Text>
                <Group gap={4}>
                  <ActionIcon
                    variant="default"
                    size="md"
                    aria-label="Cancel"
                    onClick={() => setOpened(false)}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                  <Button size="xs" type="submit" data-testid="view-save-submit">
                    Save
                  </Button>
                </Group>
              </Group>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
