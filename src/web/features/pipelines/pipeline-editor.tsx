import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArchive,
  IconArchiveOff,
  IconDeviceFloppy,
  IconPlus,
  IconRestore,
} from '@tabler/icons-react';
import { useBlocker, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { isApiError } from '../../lib/api';
import { pluralize } from '../../lib/format';
import {
  draftFromPipeline,
  draftProblems,
  draftToInput,
  moveStage,
  newKey,
  newStage,
  removeStage,
  stageLabel,
  type DraftRework,
  type DraftStage,
  type PipelineDraft,
} from './draft';
import { PipelineGraphView } from './pipeline-graph-view';
import { useArchivePipeline, useCreatePipeline, useUpdatePipeline } from './queries';
import { MatchingRuleEditor } from './matching-rule-editor';
import { ReworkEditor } from './rework-editor';
import { StageListEditor } from './stage-list-editor';
import type { PipelineDetail } from './types';

export interface PipelineEditorProps {
  /** null = a new pipeline. */
  pipeline: PipelineDetail | null;
  initialDraft: PipelineDraft;
  canEdit: boolean;
}

function Section({
  title,
  description,
  children,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <Stack gap={2}>
          <Title order={3} fz="h5" fw={600}>
            {title}
          </Title>
          {description ? (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

/** "stages.2.slug" → "Stage 3 (Sign-off) slug". */
function fieldLabel(path: string, draft: PipelineDraft): string {
  if (path.replace(/^body\./, '') === 'inboundFilenameRegex') return 'Matching rule';
  const m = /stages\.(\d+)\.?(.*)/.exec(path.replace(/^body\./, ''));
  if (!m) return path.replace(/^body\./, '') || 'Pipeline';
  const i = Number(m[1]);
  const stage = draft.stages[i];
  const name = stage ? stageLabel(stage, i) : `Stage ${i + 1}`;
  return `${name}${m[2] ? ` (${m[2]})` : ''}`;
}

export function PipelineEditor({ pipeline, initialDraft, canEdit }: PipelineEditorProps) {
  const navigate = useNavigate();
  const create = useCreatePipeline();
  const update = useUpdatePipeline();
  const archive = useArchivePipeline();
  const [draft, setDraft] = useState<PipelineDraft>(initialDraft);
  const [baseline, setBaseline] = useState(() => JSON.stringify(initialDraft));
  const [removing, setRemoving] = useState<DraftStage | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const readOnly = !canEdit;
  const saving = create.isPending || update.isPending;
  const dirty = JSON.stringify(draft) !== baseline;
  const saveError = pipeline ? update.error : create.error;
  const patternServerError = isApiError(saveError)
    ? saveError.fields.find((f) => f.path.replace(/^body\./, '') === 'inboundFilenameRegex')
        ?.message
    : undefined;

  const problems = useMemo(() => draftProblems(draft), [draft]);
  const problemKeys = useMemo(() => new Set(problems.flatMap((p) => p.stages)), [problems]);

  useBlocker({
    shouldBlockFn: () =>
      dirty && !saving && !window.confirm('Leave the pipeline editor? Unsaved changes are lost.'),
    enableBeforeUnload: () => dirty,
  });

  const setStage = useCallback((key: string, patch: Partial<DraftStage>) => {
    setDraft((d) => ({
      ...d,
      stages: d.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)),
    }));
  }, []);
  const onMove = useCallback((from: number, to: number) => {
    setDraft((d) => ({ ...d, stages: moveStage(d.stages, from, to) }));
  }, []);
  const onRemove = useCallback(
    (key: string) => {
      const stage = draft.stages.find((s) => s.key === key);
      if (stage && !stage.isNew && (pipeline?.projectCount ?? 0) > 0) {
        setRemoving(stage);
        return;
      }
      setDraft((d) => removeStage(d, key));
    },
    [draft.stages, pipeline?.projectCount],
  );
  const addStage = () => {
    setDraft((d) => ({
      ...d,
      stages: [...d.stages, newStage(d.stages[d.stages.length - 1], d.stages.length)],
    }));
  };
  const addRework = () => {
    setDraft((d) => {
      const last = d.stages[d.stages.length - 1];
      const before = d.stages[d.stages.length - 2];
      const rework: DraftRework = {
        id: newKey('rw'),
        from: last?.key ?? '',
        to: before?.key ?? '',
      };
      return { ...d, reworks: [...d.reworks, rework] };
    });
  };
  const setRework = (id: string, patch: Partial<DraftRework>) =>
    setDraft((d) => ({
      ...d,
      reworks: d.reworks.map((r) => (r.id === id ? { ...r, ...patch } : r)),
    }));
  const removeRework = (id: string) =>
    setDraft((d) => ({ ...d, reworks: d.reworks.filter((r) => r.id !== id) }));

  const save = () => {
    if (problems.length > 0) return;
    const input = draftToInput(draft);
    const onSaved = (saved: PipelineDetail) => {
      const next = draftFromPipeline(saved);
      setDraft(next);
      setBaseline(JSON.stringify(next));
    };
    if (pipeline) {
      update.mutate(
        { id: pipeline.id, input },
        {
          onSuccess: (saved) => {
            onSaved(saved);
            notifySuccess(`Pipeline “${saved.name}” saved.`);
          },
        },
      );
    } else {
      create.mutate(input, {
        onSuccess: (saved) => {
          onSaved(saved);
          notifySuccess(`Pipeline “${saved.name}” created.`);
          // The baseline is updated in the same tick; navigate after the blocker sees it.
          setTimeout(() => {
            void navigate({
              to: '/pipelines/$pipelineId',
              params: { pipelineId: saved.id },
              replace: true,
            });
          }, 0);
        },
      });
    }
  };

  const discard = () => {
    setDraft(JSON.parse(baseline) as PipelineDraft);
    create.reset();
    update.reset();
  };

  const doArchive = () => {
    if (!pipeline) return;
    archive.mutate(
      { id: pipeline.id, archived: !pipeline.isArchived },
      {
        onSuccess: (p) => {
          notifySuccess(p.isArchived ? `“${p.name}” archived.` : `“${p.name}” restored.`);
          setConfirmArchive(false);
        },
        onError: (err) => notifyError(err, 'Could not change the pipeline'),
      },
    );
  };

  const graphStages = useMemo(
    () =>
      draft.stages.map((s, i) => ({
        key: s.key,
        name: stageLabel(s, i),
        color: s.color || null,
        isOptional: s.isOptional,
        isCriticalGate: s.isCriticalGate,
        estimatedDays: s.estimatedDays,
        prerequisites: s.prerequisites,
      })),
    [draft.stages],
  );
  const graphReworks = useMemo(
    () => draft.reworks.filter((r) => r.from && r.to).map((r) => ({ from: r.from, to: r.to })),
    [draft.reworks],
  );

  const title = pipeline ? pipeline.name : draft.name.trim() || 'New pipeline';

  return (
    <Stack gap="md">
      <PageHeader
        title={
          <Group gap="xs" component="span">
            <span>{title}</span>
            {pipeline?.isDefault ? (
              <Badge variant="light" size="sm">
                Default
              </Badge>
            ) : null}
            {pipeline?.isArchived ? (
              <Badge variant="light" color="gray" size="sm">
                Archived
              </Badge>
            ) : null}
            {dirty && canEdit ? (
              <Badge variant="dot" color="orange" size="sm" data-testid="pipeline-dirty">
                Unsaved changes
              </Badge>
            ) : null}
          </Group>
        }
        description={
          pipeline
            ? `${pluralize(pipeline.stages.length, 'stage')} · used by ${pluralize(pipeline.projectCount, 'project')}`
            : 'Stages in order, what each waits for, and where work may be sent back.'
        }
        actions={
          canEdit ? (
            <>
              {pipeline ? (
                <Button
                  variant="default"
                  leftSection={
                    pipeline.isArchived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />
                  }
                  onClick={() => setConfirmArchive(true)}
                  disabled={saving}
                  data-testid="pipeline-archive"
                >
                  {pipeline.isArchived ? 'Unarchive' : 'Archive'}
                </Button>
              ) : null}
              {dirty && pipeline ? (
                <Button
                  variant="default"
                  leftSection={<IconRestore size={16} />}
                  onClick={discard}
                  disabled={saving}
                >
                  Discard
                </Button>
              ) : null}
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                onClick={save}
                loading={saving}
                disabled={problems.length > 0 || (!dirty && !!pipeline)}
                data-testid="pipeline-save"
              >
                {pipeline ? 'Save' : 'Create pipeline'}
              </Button>
            </>
          ) : (
            <Badge variant="default" size="lg" tt="none" fw={500}>
              Read only — you need the Manage pipelines permission to edit
            </Badge>
          )
        }
      />

      {saveError ? (
        <Stack gap={4} data-testid="pipeline-save-error">
          <ErrorAlert error={saveError} title="Could not save the pipeline" />
          {isApiError(saveError) && saveError.fields.length > 0 ? (
            <List size="sm" c="red" pl="md">
              {saveError.fields.map((f, i) => (
                <List.Item key={i}>
                  {fieldLabel(f.path, draft)}: {f.message}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Stack>
      ) : null}

      {problems.length > 0 && canEdit ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={problems.length === 1 ? 'Fix this before saving' : 'Fix these before saving'}
          data-testid="pipeline-problems"
          aria-live="polite"
        >
          <List size="sm" spacing={2}>
            {problems.map((p, i) => (
              <List.Item key={i}>{p.message}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}

      {pipeline?.isArchived ? (
        <Alert color="gray" variant="light" icon={<IconArchive size={18} />}>
          This pipeline is archived: it is not offered for new projects. Projects already using it
          keep working.
        </Alert>
      ) : null}

      <Section title="Details">
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Name"
              placeholder="e.g. Stills pipeline"
              maxLength={120}
              required
              value={draft.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setDraft((d) => ({ ...d, name }));
              }}
              readOnly={readOnly}
              style={{ flex: '1 1 260px' }}
              data-autofocus={!pipeline || undefined}
              data-testid="pipeline-name"
            />
            <Switch
              mt={30}
              label="Default for new projects"
              checked={draft.isDefault}
              onChange={(e) => {
                const isDefault = e.currentTarget.checked;
                setDraft((d) => ({ ...d, isDefault }));
              }}
              disabled={readOnly || pipeline?.isArchived}
              data-testid="pipeline-default"
            />
          </Group>
          <Textarea
            label="Description"
            placeholder="What kind of work this pipeline is for"
            autosize
            minRows={1}
            maxRows={4}
            value={draft.description}
            onChange={(e) => {
              const description = e.currentTarget.value;
              setDraft((d) => ({ ...d, description }));
            }}
            readOnly={readOnly}
            data-testid="pipeline-description"
          />
        </Stack>
      </Section>

      <Section
        title="Dependency graph"
        description="Columns by depth. Solid arrows: a stage waits for its prerequisites. Dashed: rework paths. Thick outline with a shield: critical gate; dashed outline: optional."
      >
        <PipelineGraphView stages={graphStages} reworks={graphReworks} highlight={problemKeys} />
      </Section>

      <Section
        title="Stages"
        description={
          readOnly
            ? 'In pipeline order.'
            : 'In pipeline order. Drag the grip or use the arrows to reorder.'
        }
        actions={
          canEdit ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={addStage}
              disabled={draft.stages.length >= 40}
              data-testid="stage-add"
            >
              Add stage
            </Button>
          ) : null
        }
      >
        {draft.stages.length === 0 ? (
          <Text size="sm" c="dimmed">
            No stages yet.
          </Text>
        ) : (
          <StageListEditor
            stages={draft.stages}
            readOnly={readOnly}
            problemKeys={problemKeys}
            onChange={setStage}
            onMove={onMove}
            onRemove={onRemove}
          />
        )}
      </Section>

      <Section
        title="Rework paths"
        description="The only backward moves allowed: from a stage back to an earlier one. The target reopens with changes requested."
      >
        <ReworkEditor
          stages={draft.stages}
          reworks={draft.reworks}
          readOnly={readOnly}
          onAdd={addRework}
          onChange={setRework}
          onRemove={removeRework}
        />
      </Section>

      <Section
        title="Matching rule"
        description="How files arriving by name (manual upload by file name, the API, Box) find their project and deliverable. Projects using this pipeline read names with this pattern."
      >
        <MatchingRuleEditor
          value={draft.inboundFilenameRegex}
          onChange={(inboundFilenameRegex) => {
            setDraft((d) => ({ ...d, inboundFilenameRegex }));
            if (patternServerError) {
              create.reset();
              update.reset();
            }
          }}
          readOnly={readOnly}
          serverError={patternServerError}
        />
      </Section>

      <ConfirmModal
        opened={!!removing}
        title="Remove this stage?"
        confirmLabel="Remove stage"
        danger
        onConfirm={() => {
          if (removing) setDraft((d) => removeStage(d, removing.key));
          setRemoving(null);
        }}
        onClose={() => setRemoving(null)}
      >
        <strong>{removing?.name}</strong> is part of a pipeline that projects use. If deliverables
        already have this stage, the server will refuse to save; their work is never deleted.
      </ConfirmModal>
      <ConfirmModal
        opened={confirmArchive}
        title={pipeline?.isArchived ? 'Unarchive pipeline?' : 'Archive pipeline?'}
        confirmLabel={pipeline?.isArchived ? 'Unarchive' : 'Archive'}
        loading={archive.isPending}
        onConfirm={doArchive}
        onClose={() => setConfirmArchive(false)}
      >
        {pipeline?.isArchived
          ? 'It will be offered again for new projects.'
          : 'It will no longer be offered for new projects. Projects already using it keep working.'}
      </ConfirmModal>
    </Stack>
  );
}
