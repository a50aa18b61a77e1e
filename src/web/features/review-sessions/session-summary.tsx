import {
  Alert,
  Badge,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { AnchorLink } from '../../components/ui/router-link';
import { formatDateTime } from '../../lib/format';
import { StageStatusBadge } from '../stages/status-badges';
import { useSessionSummary } from './queries';
import { DecisionBadge, ItemThumbnail } from './session-badges';
import { itemRevisionLabel, SESSION_STATUS_LABEL } from './session-labels';
import type { Completion, SessionSummary } from './types';
import './review-sessions.css';

/**
 * The session's record after completion: counts, then each item with its decision, note, who
 * decided and when, and where its stage is now. Printable (window.print: the app's chrome is
 * hidden by the print stylesheet).
 */
export function SessionSummaryView({
  sessionId,
  completion,
}: {
  sessionId: string;
  /** The answer of the completion just made, if any: items the rules refused are listed. */
  completion?: Completion | null;
}) {
  const summary = useSessionSummary(sessionId, true);
  if (summary.isPending) return <Skeleton h={240} />;
  if (summary.isError)
    return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const data = summary.data;
  const refused = (completion?.results ?? []).filter((r) => !r.applied && r.decision);
  return (
    <Stack gap="md" data-testid="session-summary">
      <PrintHeader data={data} />
      {refused.length > 0 ? (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle size={18} />}
          title={`${refused.length} decision${refused.length === 1 ? ' was' : 's were'} not applied`}
          className="pt-no-print"
          data-testid="completion-refused"
        >
          <Stack gap={2}>
            {refused.map((r) => {
              const item = data.items.find((i) => i.itemId === r.itemId);
              return (
                <Text size="sm" key={r.itemId}>
                  {item ? `${item.deliverable.name} — ${item.stage.name}: ` : ''}
                  {r.reason}
                </Text>
              );
            })}
            <Text size="xs" c="dimmed">
              The decisions stay on record here; follow up on those stages directly.
            </Text>
          </Stack>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Count label="Items" value={data.counts.total} testId="summary-total" />
        <Count
          label="Approved"
          value={data.counts.approved}
          color="teal"
          testId="summary-approved"
        />
        <Count
          label="Changes requested"
          value={data.counts.changesRequested}
          color="orange"
          testId="summary-changes"
        />
        <Count label="Undecided" value={data.counts.undecided} testId="summary-undecided" />
      </SimpleGrid>
      <Stack gap="xs">
        {data.items.map((i) => (
          <Paper
            key={i.itemId}
            withBorder
            p="sm"
            className="pt-summary-item"
            data-testid="summary-item"
            data-decision={i.decision ?? 'NONE'}
            data-stage-status={i.stage.status}
          >
            <Group gap="md" wrap="nowrap" align="flex-start">
              <Text size="sm" c="dimmed" w={22} ta="right" ff="monospace">
                {i.position}
              </Text>
              <ItemThumbnail revision={i.revision} w={128} h={72} />
              <Stack gap={4} miw={0} style={{ flex: 1 }}>
                <Group gap={6} wrap="nowrap">
                  <AnchorLink
                    to="/deliverables/$deliverableId"
                    params={{ deliverableId: i.deliverable.id }}
                    search={{ stage: i.stage.id }}
                    fw={600}
                    size="sm"
                    truncate
                  >
                    {i.deliverable.name}
                  </AnchorLink>
                  <Badge variant="default" size="sm">
                    {itemRevisionLabel(i.revision)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {i.project.name} · {i.stage.name}
                </Text>
                {i.note ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="summary-note">
                    {i.note}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed" fs="italic">
                    No note
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {i.decidedBy && i.decidedAt
                    ? `Decided by ${i.decidedBy.name}, ${formatDateTime(i.decidedAt)}`
                    : 'Not decided in the session'}
                </Text>
              </Stack>
              <Stack gap={4} align="flex-end">
                <DecisionBadge decision={i.decision} />
                <Group gap={4} wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    Stage now
                  </Text>
                  <StageStatusBadge status={i.stage.status} size="sm" />
                </Group>
              </Stack>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function Count({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" className="pt-summary-item">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** On paper the page header is hidden with the rest of the app: the report names itself. */
function PrintHeader({ data }: { data: SessionSummary }) {
  const s = data.session;
  return (
    <div className="pt-print-only">
      <Title order={1} fz="h2">
        {s.name}
      </Title>
      {s.description ? <Text size="sm">{s.description}</Text> : null}
      <Text size="xs" c="dimmed">
        Review session · {SESSION_STATUS_LABEL[s.status]} · created by {s.createdBy.name},{' '}
        {formatDateTime(s.createdAt)} · last change {formatDateTime(s.updatedAt)} · printed{' '}
        {formatDateTime(new Date())}
      </Text>
    </div>
  );
}
