import { Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { DeliverableStage } from '../deliverables/types';
import { useMe } from '../me/queries';
import { CommentsThread } from './comments-thread';
import { DecisionPanel } from './decision-panel';
import { FeedbackPanel } from './feedback-panel';

function Label({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
      {children}
    </Text>
  );
}

/** Brings a comment into view and highlights it for a moment. */
export function useCommentHighlight() {
  const [highlighted, setHighlighted] = useState<string | null>(null);
  useEffect(() => {
    if (!highlighted) return;
    document
      .getElementById(`comment-${highlighted}`)
      ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    const t = window.setTimeout(() => setHighlighted(null), 2500);
    return () => window.clearTimeout(t);
  }, [highlighted]);
  return [highlighted, useCallback((id: string) => setHighlighted(id), [])] as const;
}

/** Review of one stage: the decision, action items (staff) and the conversation. */
export function ReviewSection({
  stage,
  deliverableId,
}: {
  stage: DeliverableStage;
  deliverableId: string;
}) {
  const me = useMe();
  const staff = !me.user.isExternal;
  const [highlighted, highlight] = useCommentHighlight();
  return (
    <Card withBorder padding="md" data-testid="review-section" data-stage={stage.slug}>
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="h4" fw={600}>
          Review
        </Title>
      </Group>
      <Stack gap="sm">
        <DecisionPanel stage={stage} deliverableId={deliverableId} />
        {staff ? (
          <>
            <Divider />
            <Stack gap={4}>
              <Label>Action items</Label>
              <FeedbackPanel stageId={stage.id} onShowComment={highlight} />
            </Stack>
          </>
        ) : null}
        <Divider />
        <Stack gap={4}>
          <Label>Comments</Label>
          <CommentsThread stageId={stage.id} highlightedId={highlighted} />
        </Stack>
      </Stack>
    </Card>
  );
}
