import type { FeedbackItem, FeedbackStatus } from '../types';

export const FEEDBACK_STATUS_LABEL: Record<FeedbackStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  RESOLVED: 'Resolved',
  VERIFIED: 'Verified',
  REOPENED: 'Reopened',
};

export const FEEDBACK_STATUS_COLOR: Record<FeedbackStatus, string> = {
  OPEN: 'gray',
  IN_PROGRESS: 'blue',
  RESOLVED: 'teal',
  VERIFIED: 'green',
  REOPENED: 'orange',
};

export const FEEDBACK_MOVE_LABEL: Record<FeedbackStatus, string> = {
  OPEN: 'Back to open',
  IN_PROGRESS: 'Start',
  RESOLVED: 'Resolve…',
  VERIFIED: 'Verify',
  REOPENED: 'Reopen',
};

/** Items grouped by the revision they are on, in the order of `versionIds` (newest first). */
export function groupByVersion(
  items: readonly FeedbackItem[],
  versionIds: readonly string[],
): { revisionId: string; label: string; items: FeedbackItem[] }[] {
  const groups = new Map<string, { revisionId: string; label: string; items: FeedbackItem[] }>();
  for (const item of items) {
    const g = groups.get(item.revisionId);
    if (g) g.items.push(item);
    else
      groups.set(item.revisionId, {
        revisionId: item.revisionId,
        label: item.revisionLabel,
        items: [item],
      });
  }
  const rank = (id: string) => {
    const i = versionIds.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...groups.values()].sort(
    (a, b) => rank(a.revisionId) - rank(b.revisionId) || b.label.localeCompare(a.label),
  );
}
