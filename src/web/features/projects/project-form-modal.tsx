import {
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { isApiError } from '../../lib/api';
import { useFieldErrors } from '../../lib/form';
import { useClientTeamOptions } from '../client-teams/use-client-team-options';
import { CustomFieldInputs } from '../custom-fields/custom-field-inputs';
import { useCustomFieldForm } from '../custom-fields/use-custom-field-form';
import { usePipelines } from '../pipelines/queries';
import {
  PRIORITY_OPTIONS,
  PROJECT_STATUS_OPTIONS,
  toDateInput,
  type Priority,
  type ProjectStatus,
} from '../stages/status';
import { useCreateProject, useUpdateProject } from './queries';
import type { Project, ProjectInput, ProjectPatch } from './types';

export interface ProjectFormModalProps {
  opened: boolean;
  /** null = create */
  project: Project | null;
  onClose: () => void;
}

interface FormState {
  name: string;
  projectCode: string;
  omgJobNumber: string;
  pipelineTemplateId: string | null;
  clientTeamId: string | null;
  status: ProjectStatus;
  priority: Priority;
  startDate: string;
  dueDate: string;
  description: string;
}

function initialState(project: Project | null): FormState {
  return {
    name: project?.name ?? '',
    projectCode: project?.projectCode ?? '',
    omgJobNumber: project?.omgJobNumber ?? '',
    pipelineTemplateId: project?.pipeline?.id ?? null,
    clientTeamId: project?.clientTeam?.id ?? null,
    status: project?.status ?? 'ACTIVE',
    priority: project?.priority ?? 'MEDIUM',
    startDate: toDateInput(project?.startDate),
    dueDate: toDateInput(project?.dueDate),
    description: project?.description ?? '',
  };
}

const FIELDS = [
  'name',
  'projectCode',
  'omgJobNumber',
  'pipelineTemplateId',
  'clientTeamId',
  'status',
  'priority',
  'startDate',
  'dueDate',
  'description',
] as const;

export function ProjectFormModal({ opened, project, onClose }: ProjectFormModalProps) {
  const create = useCreateProject();
  const update = useUpdateProject();
  const mutation = project ? update : create;
  const navigate = useNavigate();
  const form = useFieldErrors();
  const [state, setState] = useState<FormState>(() => initialState(project));
  const pipelines = usePipelines(false, { enabled: opened });
  const known = useMemo(() => (project?.clientTeam ? [project.clientTeam] : []), [project]);
  const teamOptions = useClientTeamOptions(known);
  const custom = useCustomFieldForm('PROJECT', opened, project?.customFields ?? null, project?.id);

  const pipelineOptions = useMemo(() => {
    const list = (pipelines.data?.items ?? []).map((p) => ({
      value: p.id,
      label: p.isDefault ? `${p.name} (default)` : p.name,
    }));
    if (project?.pipeline && !list.some((o) => o.value === project.pipeline?.id)) {
      list.unshift({ value: project.pipeline.id, label: project.pipeline.name });
    }
    return list;
  }, [pipelines.data, project]);

  useEffect(() => {
    if (!opened) return;
    setState(initialState(project));
    form.clear();
    create.reset();
    update.reset();
  }, [opened, project?.id]);

  // New projects start on the default pipeline.
  useEffect(() => {
    if (!opened || project || state.pipelineTemplateId) return;
    const def = pipelines.data?.items.find((p) => p.isDefault);
    if (def) setState((s) => ({ ...s, pipelineTemplateId: def.id }));
  }, [opened, project, pipelines.data, state.pipelineTemplateId]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    form.clear(key);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const name = state.name.trim();
    const projectCode = state.projectCode.trim();
    const omg = state.omgJobNumber.trim();
    const ok = form.validate({
      name: name ? undefined : 'Enter a name',
      projectCode: projectCode ? undefined : 'Enter a project code',
      omgJobNumber: omg && !/^\d{1,20}$/.test(omg) ? 'Digits only' : undefined,
      dueDate:
        state.startDate && state.dueDate && state.dueDate < state.startDate
          ? 'The due date is before the start date'
          : undefined,
    });
    const customValues = custom.build();
    if (!ok || !customValues.ok) return;
    const onError = (err: unknown) => {
      const { rest, shown } = custom.fromServer(err);
      if (form.fromServer(rest, FIELDS) || shown) return;
      // 409: the code or the OMG number is taken; point at the field the message names.
      if (isApiError(err) && err.status === 409) {
        const msg = err.message;
        if (/omg|job/i.test(msg)) form.setErrors({ omgJobNumber: msg });
        else if (/code/i.test(msg)) form.setErrors({ projectCode: msg });
      }
    };
    if (project) {
      const patch: ProjectPatch = {};
      const before = initialState(project);
      if (name !== before.name) patch.name = name;
      if (projectCode !== before.projectCode) patch.projectCode = projectCode;
      if (omg !== before.omgJobNumber) patch.omgJobNumber = omg || null;
      if (state.pipelineTemplateId !== before.pipelineTemplateId)
        patch.pipelineTemplateId = state.pipelineTemplateId;
      if (state.clientTeamId !== before.clientTeamId) patch.clientTeamId = state.clientTeamId;
      if (state.status !== before.status) patch.status = state.status;
      if (state.priority !== before.priority) patch.priority = state.priority;
      if (state.startDate !== before.startDate) patch.startDate = state.startDate || null;
      if (state.dueDate !== before.dueDate) patch.dueDate = state.dueDate || null;
      if (state.description.trim() !== before.description.trim())
        patch.description = state.description.trim() || null;
      if (customValues.values) patch.customFields = customValues.values;
      if (Object.keys(patch).length === 0) return onClose();
      update.mutate(
        { id: project.id, patch },
        {
          onSuccess: () => {
            notifySuccess(`Project “${name}” saved.`);
            onClose();
          },
          onError,
        },
      );
    } else {
      const input: ProjectInput = {
        name,
        projectCode,
        status: state.status,
        priority: state.priority,
      };
      if (omg) input.omgJobNumber = omg;
      if (state.pipelineTemplateId) input.pipelineTemplateId = state.pipelineTemplateId;
      if (state.clientTeamId) input.clientTeamId = state.clientTeamId;
      if (state.startDate) input.startDate = state.startDate;
      if (state.dueDate) input.dueDate = state.dueDate;
      if (state.description.trim()) input.description = state.description.trim();
      if (customValues.values) input.customFields = customValues.values;
      create.mutate(input, {
        onSuccess: (created) => {
          notifySuccess(`Project “${created.name}” created.`);
          onClose();
          void navigate({ to: '/projects/$projectId', params: { projectId: created.id } });
        },
        onError,
      });
    }
  };

  const hasFieldError = Object.values(form.errors).some(Boolean) || custom.hasErrors;
  const pipelineLocked = !!project && project.deliverableCount > 0;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={project ? 'Edit project' : 'New project'}
      size="lg"
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {mutation.isError && !hasFieldError ? (
            <ErrorAlert error={mutation.error} title="Could not save" />
          ) : null}
          <TextInput
            label="Name"
            placeholder="e.g. Spring launch 2026"
            required
            data-autofocus
            value={state.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={form.errors.name}
            data-testid="project-name"
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label="Project code"
              placeholder="e.g. ACME-042"
              required
              value={state.projectCode}
              onChange={(e) => set('projectCode', e.currentTarget.value)}
              error={form.errors.projectCode}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="project-code"
            />
            <TextInput
              label="OMG job number"
              placeholder="digits, e.g. 123456"
              inputMode="numeric"
              value={state.omgJobNumber}
              onChange={(e) => set('omgJobNumber', e.currentTarget.value)}
              error={form.errors.omgJobNumber}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="project-omg"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label="Pipeline"
              placeholder={pipelines.isPending ? 'Loading…' : 'No pipeline'}
              description={pipelineLocked ? 'Fixed once the project has deliverables' : undefined}
              data={pipelineOptions}
              value={state.pipelineTemplateId}
              onChange={(v) => set('pipelineTemplateId', v)}
              clearable
              allowDeselect
              disabled={pipelineLocked}
              error={form.errors.pipelineTemplateId}
              data-testid="project-pipeline"
            />
            <Select
              label="Client team"
              placeholder="Internal project"
              data={teamOptions}
              value={state.clientTeamId}
              onChange={(v) => set('clientTeamId', v)}
              clearable
              allowDeselect
              searchable
              nothingFoundMessage="No client team"
              error={form.errors.clientTeamId}
              data-testid="project-client-team"
            />
            <Select
              label="Status"
              data={PROJECT_STATUS_OPTIONS}
              value={state.status}
              onChange={(v) => v && set('status', v as ProjectStatus)}
              data-testid="project-status"
            />
            <Select
              label="Priority"
              data={PRIORITY_OPTIONS}
              value={state.priority}
              onChange={(v) => v && set('priority', v as Priority)}
              data-testid="project-priority"
            />
            <TextInput
              type="date"
              label="Start date"
              value={state.startDate}
              onChange={(e) => set('startDate', e.currentTarget.value)}
              error={form.errors.startDate}
              data-testid="project-start"
            />
            <TextInput
              type="date"
              label="Due date"
              value={state.dueDate}
              onChange={(e) => set('dueDate', e.currentTarget.value)}
              error={form.errors.dueDate}
              data-testid="project-due"
            />
          </SimpleGrid>
          <CustomFieldInputs {...custom.inputProps} disabled={mutation.isPending} />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            value={state.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={form.errors.description}
            data-testid="project-description"
          />
          {!project && pipelineOptions.length === 0 && !pipelines.isPending ? (
            <Text size="xs" c="dimmed">
              No pipeline yet: deliverables of this project will have no stages until one is set.
            </Text>
          ) : null}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="project-submit">
              {project ? 'Save' : 'Create project'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
