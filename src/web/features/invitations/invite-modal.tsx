import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { notifySuccess } from '../../components/ui/notify';
import { useFieldErrors } from '../../lib/form';
import { validateEmail } from '../../lib/password';
import { isRole, Permission, ROLE_OPTIONS, type Role } from '../../lib/permissions';
import { useClientTeams } from '../client-teams/queries';
import { hasPermission, useMe } from '../me/queries';
import { useCreateInvitation } from './queries';

const ROLE_HELP: Record<Role, string> = {
  ADMIN: 'Full access, including workspace settings, users and roles.',
  PRODUCER: 'Runs projects: plans work, assigns artists, talks to clients.',
  ARTIST: 'Works on assigned tasks and deliverables.',
  CLIENT_VIEWER: 'External client: sees and reviews only their client teams’ work.',
};

export function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useMe();
  const create = useCreateInvitation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('ARTIST');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const form = useFieldErrors();
  const canListTeams = hasPermission(me, Permission.CLIENT_TEAM_MANAGE);
  const teams = useClientTeams({ enabled: opened && role === 'CLIENT_VIEWER' && canListTeams });

  const reset = () => {
    setEmail('');
    setRole('ARTIST');
    setTeamIds([]);
    form.clear();
    create.reset();
  };

  const close = () => {
    onClose();
    reset();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const valid = form.validate({
      email: validateEmail(email) ?? undefined,
      clientTeamIds:
        role === 'CLIENT_VIEWER' && canListTeams && teamIds.length === 0
          ? 'Pick at least one client team'
          : undefined,
    });
    if (!valid) return;
    const address = email.trim();
    create.mutate(
      {
        email: address,
        role,
        clientTeamIds: role === 'CLIENT_VIEWER' ? teamIds : undefined,
      },
      {
        onSuccess: () => {
          notifySuccess(`Invitation sent to ${address}.`, 'Invitation sent');
          close();
        },
        onError: (err) => form.fromServer(err, ['email', 'role', 'clientTeamIds']),
      },
    );
  };

  const showGeneralError =
    create.isError && !form.errors.email && !form.errors.role && !form.errors.clientTeamIds;

  return (
    <Modal opened={opened} onClose={close} title="Invite someone" size="md">
      <form onSubmit={onSubmit} noValidate data-testid="invite-form">
        <Stack gap="sm">
          {showGeneralError ? (
            <ErrorAlert error={create.error} title="Could not send the invitation" />
          ) : null}
          <TextInput
            label="E-mail"
            type="email"
            placeholder="name@agency.com"
            required
            data-autofocus
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              form.clear('email');
            }}
            error={form.errors.email}
            data-testid="invite-email"
          />
          <NativeSelect
            label="Role"
            value={role}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isRole(v)) setRole(v);
              form.clear('role');
            }}
            data={ROLE_OPTIONS}
            description={ROLE_HELP[role]}
            error={form.errors.role}
            data-testid="invite-role"
          />
          {role === 'CLIENT_VIEWER' ? (
            canListTeams ? (
              <MultiSelect
                label="Client teams"
                description="The client teams whose projects this person can see."
                placeholder={teamIds.length ? undefined : 'Pick client teams'}
                data={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
                value={teamIds}
                onChange={(v) => {
                  setTeamIds(v);
                  form.clear('clientTeamIds');
                }}
                searchable
                clearable
                nothingFoundMessage={
                  teams.isPending ? 'Loading…' : 'No client teams yet: create one first'
                }
                error={
                  form.errors.clientTeamIds ?? (teams.isError ? teams.error.message : undefined)
                }
                comboboxProps={{ withinPortal: true }}
                data-testid="invite-client-teams"
              />
            ) : (
              <Alert variant="light" color="gray" icon={<IconInfoCircle size={16} />} p="xs">
                <Text size="xs">
                  Someone with client team permissions can add this person to client teams later.
                </Text>
              </Alert>
            )
          ) : null}
          <Text size="xs" c="dimmed">
            They'll get an e-mail with a link to set up their account. Invitations expire after a
            few days; you can resend them from the Invitations page.
          </Text>
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="invite-submit">
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
