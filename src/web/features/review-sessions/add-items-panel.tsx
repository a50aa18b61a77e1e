import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  Select,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { pluralize } from '../../lib/format';
import { useProjects } from '../projects/queries';
import { STAGE_STATUS_LABEL, STAGE_STATUS_ORDER } from '../stages/status';
import { flattenPages } from '../users/queries';
import { useAddItems, useCandidates } from './queries';
import { ItemThumbnail } from './session-badges';
import { itemRevisionLabel } from './session-labels';
import type { Candidate } from './types';

const STAGE_STATUS_OPTIONS = STAGE_STATUS_ORDER.map((value) => ({
  value,
  label: STAGE_STATUS_LABEL[value],
}));

const NO_FILTERS = {};

/**
 * Find revisions to add: pick a project and/or a stage status; each matching stage shows its
 * latest revision. Tick some (or all) and add them to the end of the session.
 */
export function AddItemsPanel({ sessionId }: { sessionId: string }) {
  const [projectId, setProjectId] = useState<string | null>(null);
  const [stageStatus, setStageStatus] = useState<string | null>('IN_REVIEW');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const projects = useProjects(NO_FILTERS);
  const projectOptions = useMemo(
    () => flattenPages(projects.data).map((p) => ({ value: p.id, label: p.name })),
    [projects.data],
  );
  const filter = {
    projectId: projectId ?? undefined,
    stageStatus: stageStatus ?? undefined,
    sessionId,
  };
  const candidates = useCandidates(filter);
  const add = useAddItems();
  const list = candidates.data?.items ?? [];
  const addable = list.filter((c) => c.revision && !c.inSession);
  const chosen = addable.filter((c) => picked.has(c.stage.id));
  const allPicked = addable.length > 0 && chosen.length === addable.length;

  const toggle = (c: Candidate) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(c.stage.id)) next.delete(c.stage.id);
      else next.add(c.stage.id);
      return next;
    });

  const submit = () =>
    add.mutate(
      { sessionId, revisionIds: chosen.map((c) => c.revision!.id) },
      {
        onSuccess: () => {
          notifySuccess(`Added ${pluralize(chosen.length, 'revision')} to the session.`);
          setPicked(new Set());
        },
        onError: (err) => notifyError(err, 'Could not add the revisions'),
      },
    );

  return (
    <Paper withBorder p="sm" data-testid="session-add-panel">
      <Stack gap="sm">
        <div>
          <Title order={3} fz="md" fw={600}>
            Add revisions
          </Title>
          <Text size="xs" c="dimmed">
            Each matching stage shows its latest revision. You can also select cards on the board or
            rows in the deliverables list and use “Add to review session”.
          </Text>
        </div>
        <Group gap="xs" grow>
          <Select
            placeholder="Any project"
            data={projectOptions}
            value={projectId}
            onChange={setProjectId}
            searchable
            clearable
            aria-label="Project"
            data-testid="session-add-project"
          />
          <Select
            placeholder="Any stage status"
            data={STAGE_STATUS_OPTIONS}
            value={stageStatus}
            onChange={setStageStatus}
            clearable
            aria-label="Stage status"
            data-testid="session-add-status"
          />
        </Group>
        {candidates.isPending ? (
          <Stack gap={6}>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} h={44} />
            ))}
          </Stack>
        ) : candidates.isError ? (
          <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : list.length === 0 ? (
          <Text size="sm" c="dimmed" py="md" ta="center" data-testid="session-add-empty">
            No stage with a revision matches. Try another project or stage status.
          </Text>
        ) : (
          <>
            <Group justify="space-between">
              <Checkbox
                size="xs"
                label={`Select all (${addable.length})`}
                checked={allPicked}
                indeterminate={chosen.length > 0 && !allPicked}
                disabled={addable.length === 0}
                onChange={() =>
                  setPicked(allPicked ? new Set() : new Set(addable.map((c) => c.stage.id)))
                }
                data-testid="session-add-all"
              />
              <Text size="xs" c="dimmed">
                {pluralize(list.length, 'stage')}
              </Text>
            </Group>
            <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
              <Stack gap={4} style={{ opacity: candidates.isPlaceholderData ? 0.6 : 1 }}>
                {list.map((c) => (
                  <CandidateRow
                    key={c.stage.id}
                    candidate={c}
                    checked={picked.has(c.stage.id) || c.inSession}
                    onToggle={() => toggle(c)}
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </>
        )}
        <Button
          leftSection={<IconPlus size={16} />}
          disabled={chosen.length === 0}
          loading={add.isPending}
          onClick={submit}
          data-testid="session-add-submit"
        >
          {chosen.length ? `Add ${pluralize(chosen.length, 'revision')}` : 'Add revisions'}
        </Button>
      </Stack>
    </Paper>
  );
}

function CandidateRow({
  candidate: c,
  checked,
  onToggle,
}: {
  candidate: Candidate;
  checked: boolean;
  onToggle: () => void;
}) {
  const disabled = c.inSession || !c.revision;
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      component="label"
      px={4}
      py={4}
      data-testid="session-candidate"
      data-stage-id={c.stage.id}
      style={{ cursor: disabled ? 'default' : 'pointer', borderRadius: 6 }}
    >
      <Checkbox
        checked={checked}
        disabled={disabled}
        onChange={onToggle}
        aria-label={`${c.deliverable.name} — ${c.stage.name}`}
      />
      <ItemThumbnail revision={c.revision} w={64} h={36} />
      <Stack gap={0} miw={0} style={{ flex: 1 }}>
        <Text size="sm" fw={500} truncate>
          {c.deliverable.name}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {c.project.name} · {c.stage.name}
        </Text>
      </Stack>
      {c.inSession ? (
        <Badge size="xs" variant="light" color="gray">
          In session
        </Badge>
      ) : null}
      <Badge size="sm" variant="default">
        {itemRevisionLabel(c.revision)}
      </Badge>
    </Group>
  );
}
