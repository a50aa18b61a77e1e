import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCircleCheck,
  IconDownload,
  IconFileSpreadsheet,
  IconRefresh,
} from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../components/ui/confirm-modal';
import { ErrorAlert } from '../components/ui/error-alert';
import { PageHeader } from '../components/ui/page-header';
import { AnchorLink, ButtonLink } from '../components/ui/router-link';
import { ActionBadge } from '../features/xlsx/action-badge';
import { useApplyImport, usePreviewImport, xlsxPaths } from '../features/xlsx/queries';
import type { ColumnMapping, ImportApplied, ImportPreview } from '../features/xlsx/types';
import { XlsxDropZone } from '../features/xlsx/xlsx-drop-zone';
import { XlsxMappingTable } from '../features/xlsx/xlsx-mapping-table';
import { XlsxPlanPreview } from '../features/xlsx/xlsx-plan-preview';
import { appPaths } from '../lib/paths';
import { usePageTitle } from '../lib/use-page-title';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Upload a workbook, map its columns, preview the changes, apply them in one go. */
export function ProjectsImportPage() {
  usePageTitle('Import projects');
  const previewing = usePreviewImport();
  const applying = useApplyImport();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [rejected, setRejected] = useState<string | null>(null);
  const [done, setDone] = useState<ImportApplied | null>(null);
  const [confirming, setConfirming] = useState(false);

  const run = (f: File, m: ColumnMapping | null) => {
    setRejected(null);
    previewing.mutate({ file: f, mapping: m }, { onSuccess: setPreview });
  };

  const onFile = (f: File) => {
    setFile(f);
    setMapping(null);
    setPreview(null);
    setDone(null);
    run(f, null);
  };

  const onMap = (column: string, field: string | null) => {
    if (!file || !preview) return;
    const next: ColumnMapping = { ...preview.mapping, ...mapping };
    // A field feeds one column: moving it here frees the column it was on.
    if (field) for (const [col, key] of Object.entries(next)) if (key === field) next[col] = null;
    next[column] = field;
    setMapping(next);
    run(file, next);
  };

  const reset = () => {
    setFile(null);
    setMapping(null);
    setPreview(null);
    setDone(null);
    setRejected(null);
    previewing.reset();
    applying.reset();
  };

  const apply = () => {
    if (!file) return;
    applying.mutate(
      { file, mapping },
      {
        onSuccess: (out) => {
          setConfirming(false);
          if (out.ok) setDone(out);
          else {
            setPreview(out);
            setRejected(out.error.message);
          }
        },
        onError: () => setConfirming(false),
      },
    );
  };

  const plan = preview?.plan ?? null;
  const c = plan?.counts;
  const changes = c
    ? c.projects.create + c.projects.update + c.deliverables.create + c.deliverables.update
    : 0;
  const canApply = !!plan && plan.counts.errors === 0 && changes > 0 && !previewing.isPending;

  const headerActions = (
    <>
      <Button
        component="a"
        href={xlsxPaths.template()}
        download
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} />}
        data-testid="xlsx-template"
      >
        Download template
      </Button>
      <Button
        component="a"
        href={xlsxPaths.export()}
        download
        variant="default"
        leftSection={<IconDownload size={16} />}
        data-testid="xlsx-export"
      >
        Export
      </Button>
    </>
  );

  if (done) {
    const created = done.result.projects.filter((p) => p.action !== 'unchanged');
    const dc = done.plan!.counts.deliverables;
    const pc = done.plan!.counts.projects;
    return (
      <Stack gap="md">
        <PageHeader title="Import projects" actions={headerActions} />
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={20} />}
          title="Imported"
          data-testid="xlsx-result"
        >
          {plural(pc.create, 'project')} created, {pc.update} updated;{' '}
          {plural(dc.create, 'deliverable')} created, {dc.update} updated (from {done.fileName}).
        </Alert>
        {created.length ? (
          <Paper withBorder p="md" radius="md">
            <Title order={4} fz="sm" mb="xs">
              Projects changed
            </Title>
            <List spacing={6} listStyleType="none">
              {created.map((p) => (
                <List.Item key={p.id}>
                  <Group gap="xs">
                    <ActionBadge action={p.action} />
                    <Text size="sm" ff="monospace">
                      {p.omgJobNumber}
                    </Text>
                    <AnchorLink
                      to="/projects/$projectId"
                      params={{ projectId: p.id }}
                      size="sm"
                      data-testid={`xlsx-result-project-${p.omgJobNumber}`}
                    >
                      {p.name}
                    </AnchorLink>
                  </Group>
                </List.Item>
              ))}
            </List>
          </Paper>
        ) : null}
        <Group>
          <ButtonLink to={appPaths.projects} data-testid="xlsx-to-projects">
            View projects
          </ButtonLink>
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={reset}>
            Import another file
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={
          <Group gap="xs">
            <AnchorLink to={appPaths.projects} c="dimmed" aria-label="Back to projects">
              <IconArrowLeft size={18} />
            </AnchorLink>
            Import projects
          </Group>
        }
        description="Create and update projects and deliverables from a spreadsheet keyed by OMG job number."
        actions={headerActions}
      />
      {!file || (!preview && !previewing.isPending) ? (
        <>
          <XlsxDropZone onFile={onFile} loading={previewing.isPending} />
          {previewing.isError ? (
            <ErrorAlert error={previewing.error} title="Could not read the workbook" />
          ) : null}
        </>
      ) : null}
      {file && (preview || previewing.isPending) ? (
        <Group justify="space-between">
          <Group gap="xs">
            <IconFileSpreadsheet size={18} />
            <Text fw={500} data-testid="xlsx-file-name">
              {file.name}
            </Text>
            {preview ? (
              <Text size="sm" c="dimmed">
                sheet “{preview.sheet.name}”, header on row {preview.sheet.headerRow},{' '}
                {plural(preview.sheet.dataRows, 'data row')}
              </Text>
            ) : null}
          </Group>
          <Button variant="subtle" size="xs" onClick={reset}>
            Choose another file
          </Button>
        </Group>
      ) : null}
      {preview && file ? (
        <>
          {previewing.isError ? <ErrorAlert error={previewing.error} /> : null}
          <Title order={3} fz="md">
            1. Map the columns
          </Title>
          <XlsxMappingTable
            preview={preview}
            mapping={{ ...preview.mapping, ...mapping }}
            onChange={onMap}
            disabled={previewing.isPending || applying.isPending}
          />
          {preview.mappingProblems.length ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title="Fix the mapping"
              data-testid="xlsx-mapping-problems"
            >
              <List size="sm">
                {preview.mappingProblems.map((p, i) => (
                  <List.Item key={i}>{p.message}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          {plan ? (
            <>
              <Title order={3} fz="md">
                2. Check the changes
              </Title>
              {rejected ? (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertTriangle size={18} />}
                  title="Nothing was imported"
                  data-testid="xlsx-rejected"
                >
                  {rejected}
                </Alert>
              ) : null}
              <div style={{ opacity: previewing.isPending ? 0.6 : 1 }}>
                <XlsxPlanPreview key={plan.counts.errors ? 'errors' : 'ok'} plan={plan} />
              </div>
              <Paper withBorder p="md" radius="md">
                <Group justify="space-between">
                  <Text size="sm" c={plan.counts.errors ? 'red' : 'dimmed'}>
                    {plan.counts.errors
                      ? `Fix the ${plural(plan.counts.errorRows, 'row')} with errors in the sheet (or the mapping), then upload it again.`
                      : changes === 0
                        ? 'Everything in the sheet is already up to date.'
                        : 'Nothing is written until you apply; all rows go in together, or none.'}
                  </Text>
                  <Button
                    onClick={() => setConfirming(true)}
                    disabled={!canApply}
                    data-testid="xlsx-apply"
                  >
                    Apply import
                  </Button>
                </Group>
              </Paper>
            </>
          ) : null}
        </>
      ) : null}
      {applying.isError ? <ErrorAlert error={applying.error} title="Import failed" /> : null}
      <ConfirmModal
        opened={confirming}
        title="Apply this import?"
        confirmLabel="Apply import"
        loading={applying.isPending}
        onConfirm={apply}
        onClose={() => setConfirming(false)}
      >
        {c ? (
          <>
            This will create {plural(c.projects.create, 'project')} and{' '}
            {plural(c.deliverables.create, 'deliverable')}, and update{' '}
            {plural(c.projects.update, 'project')} and{' '}
            {plural(c.deliverables.update, 'deliverable')}, in one go.
          </>
        ) : null}
      </ConfirmModal>
    </Stack>
  );
}
