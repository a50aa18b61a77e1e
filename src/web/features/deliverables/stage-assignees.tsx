import {
  ActionIcon,
  Avatar,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconUserPlus, IconX } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { notifyError } from '../../components/ui/notify';
import { initials } from '../../lib/format';
import { roleLabel } from '../../lib/permissions';
import { useAssignableUsers, useRemoveAssignment, useSetAssignment } from './queries';
import type { AssignmentRole, DeliverableStage } from './types';

const ROLE_DATA = [
  { value: 'LEAD', label: 'Lead' },
  { value: 'SUPPORT', label: 'Support' },
];

/** People on one stage: leads first; pick from the assignable staff to add. */
export function StageAssignees({
  deliverableId,
  stage,
  canAssign,
}: {
  deliverableId: string;
  stage: DeliverableStage;
  canAssign: boolean;
}) {
  const users = useAssignableUsers(canAssign);
  const setAssignment = useSetAssignment(deliverableId);
  const removeAssignment = useRemoveAssignment(deliverableId);
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<AssignmentRole>(
    stage.assignees.some((a) => a.role === 'LEAD') ? 'SUPPORT' : 'LEAD',
  );

  const sorted = [...stage.assignees].sort((a, b) =>
    a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'LEAD' ? -1 : 1,
  );
  const options = useMemo(() => {
    const taken = new Set(stage.assignees.map((a) => a.userId));
    return (users.data?.items ?? [])
      .filter((u) => !taken.has(u.id))
      .map((u) => ({ value: u.id, label: `${u.name} · ${roleLabel(u.role)}` }));
  }, [users.data, stage.assignees]);

  const add = () => {
    if (!userId) return;
    setAssignment.mutate(
      { stageId: stage.id, userId, role },
      {
        onSuccess: () => {
          setUserId(null);
          setRole('SUPPORT');
        },
        onError: (err) => notifyError(err, 'Could not assign'),
      },
    );
  };

  return (
    <Stack gap="xs" data-testid="stage-assignees">
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody is assigned to this stage.
        </Text>
      ) : (
        sorted.map((a) => (
          <Group key={a.userId} gap="sm" wrap="nowrap" data-testid={`assignee-${a.userId}`}>
            <Avatar size={28} radius="xl" color="initials" name={a.name}>
              {initials(a.name)}
            </Avatar>
            <Text size="sm" style={{ flex: 1 }} truncate>
              {a.name}
            </Text>
            {canAssign ? (
              <SegmentedControl
                size="xs"
                data={ROLE_DATA}
                value={a.role}
                onChange={(v) =>
                  setAssignment.mutate(
                    { stageId: stage.id, userId: a.userId, role: v as AssignmentRole },
                    { onError: (err) => notifyError(err, 'Could not change the role') },
                  )
                }
                aria-label={`Role of ${a.name}`}
                data-testid={`assignee-role-${a.userId}`}
              />
            ) : (
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {a.role === 'LEAD' ? 'Lead' : 'Support'}
              </Text>
            )}
            {canAssign ? (
              <Tooltip label="Remove from stage">
                <ActionIcon
                  size="sm"
                  aria-label={`Remove ${a.name}`}
                  loading={
                    removeAssignment.isPending && removeAssignment.variables?.userId === a.userId
                  }
                  onClick={() =>
                    removeAssignment.mutate(
                      { stageId: stage.id, userId: a.userId },
                      { onError: (err) => notifyError(err, 'Could not remove') },
                    )
                  }
                  data-testid={`assignee-remove-${a.userId}`}
                >
                  <IconX size={14} />
                </ActionIcon>
              </Tooltip>
            ) : null}
          </Group>
        ))
      )}
      {canAssign ? (
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <Select
            placeholder={users.isPending ? 'Loading people…' : 'Add a person…'}
            data={options}
            value={userId}
            onChange={setUserId}
            searchable
            clearable
            allowDeselect
            nothingFoundMessage={users.isError ? users.error.message : 'Nobody left to add'}
            size="xs"
            style={{ flex: 1 }}
            aria-label="Person to assign"
            data-testid="assignee-picker"
          />
          <SegmentedControl
            size="xs"
            data={ROLE_DATA}
            value={role}
            onChange={(v) => setRole(v as AssignmentRole)}
            aria-label="Role of the new assignee"
            data-testid="assignee-role"
          />
          <Button
            size="xs"
            leftSection={<IconUserPlus size={14} />}
            onClick={add}
            disabled={!userId}
            loading={setAssignment.isPending && setAssignment.variables?.userId === userId}
            data-testid="assignee-add"
          >
            Assign
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
