import {
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconPencil, IconPlayerPause } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { AnchorLink } from '../components/ui/router-link';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { AttachmentsPanel } from '../features/attachments/attachments-panel';
import { CustomFieldValue } from '../features/custom-fields/custom-field-value';
import { useCustomFields } from '../features/custom-fields/queries';
import { DeliverableFormModal } from '../features/deliverables/deliverable-form-modal';
import { HistoryTimeline } from '../features/deliverables/history-timeline';
import { useDeliverable, useUpdateDeliverable } from '../features/deliverables/queries';
import { HoldingPenPanel } from '../features/holding-pen/holding-pen-panel';
import { StagePanel } from '../features/deliverables/stage-panel';
import { hasPermission, useMe } from '../features/me/queries';
import { ReviewSection } from '../features/review/review-section';
import { RevisionPermission } from '../features/revisions/revision-labels';
import { StageRevisions } from '../features/revisions/stage-revisions';
import { StageChips } from '../features/stages/stage-strip';
import { DeliverableStatusBadge, PriorityBadge } from '../features/stages/status-badges';
import { currentStage, isOverdue } from '../features/stages/status';
import { formatDate } from '../lib/format';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/deliverables/$deliverableId');

export function DeliverablePage() {
  const { deliverableId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/deliverables/$deliverableId' });
  const me = useMe();
  const deliverable = useDeliverable(deliverableId);
  const update = useUpdateDeliverable(deliverableId);
  const customFields = useCustomFields('DELIVERABLE');
  const [editing, setEditing] = useState(false);
  // Without ?stage=, open the current stage once and stay there while the person works on it
  // (approving would otherwise jump the panel to the next stage).
  const [pinned, setPinned] = useState<{ id: string; slug: string } | null>(null);
  useEffect(() => {
    const data = deliverable.data;
    if (!data || (pinned && pinned.id === data.id)) return;
    const cur = currentStage(data.stages) ?? data.stages[0];
    if (cur) setPinned({ id: data.id, slug: cur.slug });
  }, [deliverable.data, pinned]);
  usePageTitle(deliverable.data?.name ?? 'Deliverable');
  const can = (p: string) => hasPermission(me, p);

  if (deliverable.isPending) return <TableSkeleton rows={6} height={40} />;
  if (deliverable.isError) {
    return (
      <Stack gap="xs">
        <AnchorLink to="/deliverables" size="sm" c="dimmed">
          ← All deliverables
        </AnchorLink>
        <ErrorAlert error={deliverable.error} onRetry={() => void deliverable.refetch()} />
      </Stack>
    );
  }
  const d = deliverable.data;
  const stages = [...d.stages].sort((a, b) => a.order - b.order);
  const pinnedSlug = pinned?.id === d.id ? pinned.slug : undefined;
  const selected =
    stages.find((s) => s.slug === search.stage) ??
    stages.find((s) => s.slug === pinnedSlug) ??
    currentStage(stages) ??
    stages[0] ??
    null;
  const canUpdate = can(Permission.DELIVERABLE_UPDATE);
  // Attachments are internal working material: never shown to client viewers.
  const isStaff = !me.user.isExternal && me.role !== 'CLIENT_VIEWER';

  const toggleHold = (isOnHold: boolean) =>
    update.mutate(
      { isOnHold },
      {
        onSuccess: () => notifySuccess(isOnHold ? 'Put on hold.' : 'Hold released.'),
        onError: (err) => notifyError(err, 'Could not change the hold'),
      },
    );

  return (
    <Stack gap="md">
      <AnchorLink
        to="/projects/$projectId"
        params={{ projectId: d.project.id }}
        size="sm"
        c="dimmed"
      >
        ← {d.project.name}
      </AnchorLink>

      <Card withBorder padding="lg" data-testid="deliverable-header">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={4} miw={0}>
            <Text size="sm" c="dimmed">
              <AnchorLink
                to="/projects/$projectId"
                params={{ projectId: d.project.id }}
                size="sm"
                c="dimmed"
              >
                {d.project.name}
              </AnchorLink>
              <Text span ff="monospace" size="sm" c="dimmed">
                {' '}
                · {d.project.projectCode}
                {d.project.omgJobNumber ? ` · OMG ${d.project.omgJobNumber}` : ''}
              </Text>
            </Text>
            <Title order={2} fz="h3" fw={600} data-testid="deliverable-title">
              {d.name}
            </Title>
            <Group gap={8}>
              <DeliverableStatusBadge
                status={d.status}
                size="md"
                data-testid="deliverable-status"
              />
              <PriorityBadge priority={d.priority} />
              <Text size="sm" c={isOverdue(d.dueDate, d.status === 'APPROVED') ? 'red' : 'dimmed'}>
                Due {formatDate(d.dueDate)}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {d.boxAliasSlug ?? d.slug}
              </Text>
            </Group>
          </Stack>
          <Group gap="sm">
            {canUpdate ? (
              <Tooltip label="On hold overrides the status until released">
                <Switch
                  label="On hold"
                  thumbIcon={d.isOnHold ? <IconPlayerPause size={10} /> : undefined}
                  color="yellow"
                  checked={d.isOnHold}
                  disabled={update.isPending}
                  onChange={(e) => toggleHold(e.currentTarget.checked)}
                  data-testid="deliverable-hold"
                />
              </Tooltip>
            ) : null}
            {canUpdate ? (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing(true)}
                data-testid="deliverable-edit"
              >
                Edit
              </Button>
            ) : null}
          </Group>
        </Group>
        {d.notes ? (
          <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {d.notes}
          </Text>
        ) : null}
        {customFields.data?.length ? (
          <SimpleGrid
            cols={{ base: 2, sm: 3, md: 5 }}
            spacing="md"
            mt="md"
            data-testid="deliverable-custom-fields"
          >
            {customFields.data.map((f) => (
              <Stack key={f.id} gap={2}>
                <Text
                  size="xs"
                  c="dimmed"
                  tt="uppercase"
                  fw={600}
                  style={{ letterSpacing: '0.04em' }}
                >
                  {f.fieldName}
                </Text>
                <Text size="sm" component="div" data-testid={`deliverable-cf-${f.fieldName}`}>
                  <CustomFieldValue field={f} value={d.customFields?.[f.fieldName]} />
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        ) : null}
        <Stack gap={6} mt="lg">
          {stages.length > 0 ? (
            <StageChips
              stages={stages}
              selectedId={selected?.id ?? null}
              onSelect={(s) =>
                void navigate({
                  search: (prev) => ({
                    ...prev,
                    stage: s.slug,
                    view: undefined,
                    comment: undefined,
                  }),
                  replace: true,
                })
              }
            />
          ) : (
            <Text size="sm" c="dimmed">
              This deliverable has no stages (its project has no pipeline).
            </Text>
          )}
        </Stack>
      </Card>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {/* Files that arrived by name while the client had a version: staff only. */}
            {isStaff ? (
              <HoldingPenPanel deliverable={d} canManage={can(Permission.INBOUND_MANAGE)} />
            ) : null}
            {selected ? (
              <StagePanel
                key={selected.id}
                deliverable={d}
                stage={selected}
                perms={{
                  canMove: can(Permission.STAGE_UPDATE_STATUS),
                  canEdit: can(Permission.STAGE_UPDATE),
                  canSchedule: can(Permission.STAGE_SCHEDULE),
                  canAssign: can(Permission.STAGE_ASSIGN),
                  internal: !me.user.isExternal,
                  decidesInReview: can(RevisionPermission.REVIEW),
                }}
                versions={
                  <StageRevisions
                    deliverable={d}
                    stage={selected}
                    perms={{
                      canUpload: can(RevisionPermission.CREATE),
                      canSend: can(RevisionPermission.SEND),
                      canReprocess: can(RevisionPermission.UPDATE),
                      internal: isStaff,
                    }}
                    view={{ revisionId: search.view ?? null, commentId: search.comment ?? null }}
                    onView={(revisionId, commentId) =>
                      void navigate({
                        search: (prev) => ({
                          ...prev,
                          view: revisionId ?? undefined,
                          comment: commentId ?? undefined,
                        }),
                        replace: true,
                      })
                    }
                  />
                }
              />
            ) : null}
            {selected ? (
              <ReviewSection key={`review-${selected.id}`} stage={selected} deliverableId={d.id} />
            ) : null}
            {isStaff ? <AttachmentsPanel deliverable={d} canEdit={canUpdate} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <HistoryTimeline deliverableId={d.id} />
        </Grid.Col>
      </Grid>

      <DeliverableFormModal
        opened={editing}
        projectId={d.project.id}
        deliverable={d}
        onClose={() => setEditing(false)}
      />
    </Stack>
  );
}
