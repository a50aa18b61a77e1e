import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { isApiError } from '../../lib/api';
import { useFieldErrors } from '../../lib/form';
import { useClientTeamOptions } from '../client-teams/use-client-team-options';
import { CustomFieldInputs } from '../custom-fields/custom-field-inputs';
import { useCustomFieldForm } from '../custom-fields/use-custom-field-form';
import { usePipelines } from '../pipelines/queries';
import { toDateInput } from '../stages/status';
import { useConvertBrief } from './queries';
import type { BriefConvertInput, BriefDetail } from './types';

const FIELDS = [
  'name',
  'projectCode',
  'omgJobNumber',
  'pipelineTemplateId',
  'clientTeamId',
  'dueDate',
] as const;

/**
 * The project an accepted brief becomes: created with the brief's description, priority,
 * requestor, client team and due date, and the brief marked converted, in one step.
 */
export function ConvertBriefModal({
  brief,
  opened,
  onClose,
}: {
  brief: BriefDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const convert = useConvertBrief(brief.id);
  const pipelines = usePipelines(false, { enabled: opened });
  const known = useMemo(() => (brief.clientTeam ? [brief.clientTeam] : []), [brief.clientTeam]);
  const teamOptions = useClientTeamOptions(known);
  const custom = useCustomFieldForm('PROJECT', opened, null, brief.id);
  const form = useFieldErrors();
  const initial = () => ({
    name: brief.title,
    projectCode: '',
    omgJobNumber: '',
    pipelineTemplateId: null as string | null,
    clientTeamId: brief.clientTeam?.id ?? null,
    dueDate: toDateInput(brief.requestedDueDate),
  });
  const [state, setState] = useState(initial);

  useEffect(() => {
    if (!opened) return;
    setState(initial());
    form.clear();
    convert.reset();
  }, [opened, brief.id]);

  useEffect(() => {
    if (!opened || state.pipelineTemplateId) return;
    const def = pipelines.data?.items.find((p) => p.isDefault);
    if (def) setState((s) => ({ ...s, pipelineTemplateId: def.id }));
  }, [opened, pipelines.data, state.pipelineTemplateId]);

  const pipelineOptions = (pipelines.data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.isDefault ? `${p.name} (default)` : p.name,
  }));

  const set = <K extends keyof ReturnType<typeof initial>>(
    key: K,
    value: ReturnType<typeof initial>[K],
  ) => {
    setState((s) => ({ ...s, [key]: value }));
    form.clear(key);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = state.name.trim();
    const projectCode = state.projectCode.trim();
    const omg = state.omgJobNumber.trim();
    const ok = form.validate({
      name: name ? undefined : 'Enter a name',
      projectCode: projectCode ? undefined : 'Enter a project code',
      omgJobNumber: omg && !/^\d{1,20}$/.test(omg) ? 'Digits only' : undefined,
    });
    const customValues = custom.build();
    if (!ok || !customValues.ok) return;
    const input: BriefConvertInput = {
      name,
      projectCode,
      omgJobNumber: omg || null,
      pipelineTemplateId: state.pipelineTemplateId,
      clientTeamId: state.clientTeamId,
      dueDate: state.dueDate || null,
    };
    if (customValues.values) input.customFields = customValues.values;
    convert.mutate(input, {
      onSuccess: ({ project }) => {
        notifySuccess(`Project “${project.name}” created from the brief.`);
        onClose();
      },
      onError: (err) => {
        const { rest, shown } = custom.fromServer(err);
        if (form.fromServer(rest, FIELDS) || shown) return;
        if (isApiError(err) && err.status === 409) {
          if (/omg|job/i.test(err.message)) form.setErrors({ omgJobNumber: err.message });
          else if (/code/i.test(err.message)) form.setErrors({ projectCode: err.message });
        }
      },
    });
  };

  const fieldErrorShown = Object.values(form.errors).some(Boolean);

  return (
    <Modal opened={opened} onClose={onClose} title="Convert to a project" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The project takes the brief&apos;s description, priority and requestor. The brief is
            marked converted and links to it.
          </Text>
          <TextInput
            label="Project name"
            value={state.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={form.errors.name}
            required
            maxLength={200}
            data-testid="convert-name"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Project code"
              placeholder="HOL-26"
              value={state.projectCode}
              onChange={(e) => set('projectCode', e.currentTarget.value)}
              error={form.errors.projectCode}
              required
              data-autofocus
              maxLength={60}
              data-testid="convert-project-code"
            />
            <TextInput
              label="OMG job number"
              placeholder="Digits only"
              value={state.omgJobNumber}
              onChange={(e) => set('omgJobNumber', e.currentTarget.value)}
              error={form.errors.omgJobNumber}
              inputMode="numeric"
              data-testid="convert-omg"
            />
            <Select
              label="Pipeline"
              data={pipelineOptions}
              value={state.pipelineTemplateId}
              onChange={(v) => set('pipelineTemplateId', v)}
              placeholder="The default pipeline"
              clearable
              error={form.errors.pipelineTemplateId}
            />
            <Select
              label="Client team"
              placeholder="Internal"
              data={teamOptions}
              value={state.clientTeamId}
              onChange={(v) => set('clientTeamId', v)}
              clearable
              searchable
              error={form.errors.clientTeamId}
            />
            <TextInput
              label="Due date"
              type="date"
              value={state.dueDate}
              onChange={(e) => set('dueDate', e.currentTarget.value)}
              error={form.errors.dueDate}
            />
          </SimpleGrid>
          <CustomFieldInputs {...custom.inputProps} disabled={convert.isPending} />
          {convert.isError && !fieldErrorShown && !custom.hasErrors ? (
            <ErrorAlert error={convert.error} title="Could not convert the brief" />
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={convert.isPending} data-testid="convert-submit">
              Create project
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
