import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconForms,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../components/ui/confirm-modal';
import { EmptyPanel } from '../components/ui/empty-panel';
import { ErrorAlert } from '../components/ui/error-alert';
import { notifyError, notifySuccess } from '../components/ui/notify';
import { PageHeader } from '../components/ui/page-header';
import { TableSkeleton } from '../components/ui/table-skeleton';
import { CustomFieldFormModal } from '../features/custom-fields/custom-field-form-modal';
import {
  useCustomFields,
  useDeleteCustomField,
  useReorderCustomFields,
} from '../features/custom-fields/queries';
import {
  CUSTOM_FIELD_ENTITY_TYPES,
  CUSTOM_FIELD_TYPE_LABEL,
  ENTITY_LABEL,
  type CustomField,
  type CustomFieldEntityType,
} from '../features/custom-fields/types';
import { pluralize } from '../lib/format';
import { usePageTitle } from '../lib/use-page-title';

export function CustomFieldsSettingsPage() {
  usePageTitle('Custom fields');
  const [form, setForm] = useState<{
    entityType: CustomFieldEntityType;
    field: CustomField | null;
  } | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const remove = useDeleteCustomField();

  const doDelete = () => {
    if (!deleting) return;
    const field = deleting;
    remove.mutate(field, {
      onSuccess: () => {
        notifySuccess(`Field “${field.fieldName}” deleted.`);
        setDeleting(null);
      },
      onError: (err) => notifyError(err, 'Could not delete the field'),
    });
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title="Custom fields"
        description="Extra fields on projects and deliverables: they appear in the create and edit forms, in tables and on detail pages."
      />
      <Stack gap="xl">
        {CUSTOM_FIELD_ENTITY_TYPES.map((entityType) => (
          <FieldSection
            key={entityType}
            entityType={entityType}
            onCreate={() => setForm({ entityType, field: null })}
            onEdit={(field) => setForm({ entityType, field })}
            onDelete={setDeleting}
          />
        ))}
      </Stack>
      <CustomFieldFormModal
        opened={!!form}
        entityType={form?.entityType ?? 'PROJECT'}
        field={form?.field ?? null}
        onClose={() => setForm(null)}
      />
      <ConfirmModal
        opened={!!deleting}
        title="Delete field?"
        confirmLabel="Delete field"
        danger
        loading={remove.isPending}
        onConfirm={doDelete}
        onClose={() => setDeleting(null)}
      >
        <strong>{deleting?.fieldName}</strong> will be removed from every{' '}
        {deleting ? ENTITY_LABEL[deleting.entityType].one : ''}, with the values stored in it. This
        cannot be undone.
      </ConfirmModal>
    </Stack>
  );
}

function FieldSection({
  entityType,
  onCreate,
  onEdit,
  onDelete,
}: {
  entityType: CustomFieldEntityType;
  onCreate: () => void;
  onEdit: (field: CustomField) => void;
  onDelete: (field: CustomField) => void;
}) {
  const fields = useCustomFields(entityType);
  const reorder = useReorderCustomFields();
  const label = ENTITY_LABEL[entityType];
  const items = fields.data ?? [];

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    const next = [...items];
    [next[index], next[target]] = [next[target]!, next[index]!];
    reorder.mutate(
      { entityType, fields: next },
      { onError: (err) => notifyError(err, 'Could not change the order') },
    );
  };

  const newButton = (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconPlus size={14} />}
      onClick={onCreate}
      data-testid={`cf-new-${entityType}`}
    >
      New {label.one} field
    </Button>
  );

  return (
    <Stack gap="xs" data-testid={`cf-section-${entityType}`}>
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={3} fz="h4" fw={600}>
            {label.many}
          </Title>
          {fields.data ? (
            <Text size="sm" c="dimmed">
              {pluralize(items.length, 'field')}
            </Text>
          ) : null}
        </Group>
        {newButton}
      </Group>
      {fields.isPending ? (
        <TableSkeleton rows={3} />
      ) : fields.isError ? (
        <ErrorAlert error={fields.error} onRetry={() => void fields.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          icon={<IconForms size={22} />}
          title={`No ${label.one} fields yet`}
          description={`Add fields such as a region, a budget code or a launch date to every ${label.one}.`}
        />
      ) : (
        <Paper withBorder className="pt-table-paper">
          <Table.ScrollContainer minWidth={640}>
            <Table className="pt-table" data-testid={`cf-table-${entityType}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={72}>Order</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th w={110}>Type</Table.Th>
                  <Table.Th w={120}>Required</Table.Th>
                  <Table.Th>Options</Table.Th>
                  <Table.Th w={76} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((f, i) => (
                  <Table.Tr key={f.id} data-testid={`cf-row-${f.fieldName}`}>
                    <Table.Td>
                      <Group gap={0} wrap="nowrap">
                        <ActionIcon
                          size="sm"
                          aria-label={`Move ${f.fieldName} up`}
                          disabled={i === 0 || reorder.isPending}
                          onClick={() => move(i, -1)}
                          data-testid={`cf-up-${f.fieldName}`}
                        >
                          <IconArrowUp size={14} />
                        </ActionIcon>
                        <ActionIcon
                          size="sm"
                          aria-label={`Move ${f.fieldName} down`}
                          disabled={i === items.length - 1 || reorder.isPending}
                          onClick={() => move(i, 1)}
                          data-testid={`cf-down-${f.fieldName}`}
                        >
                          <IconArrowDown size={14} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {f.fieldName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{CUSTOM_FIELD_TYPE_LABEL[f.fieldType] ?? f.fieldType}</Text>
                    </Table.Td>
                    <Table.Td>
                      {f.isRequired ? (
                        <Badge size="xs" variant="light" color="orange">
                          Required
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Optional
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {f.fieldType === 'SELECT' ? (
                        <Group gap={4}>
                          {f.options.map((o) => (
                            <Badge key={o} variant="light" color="gray" tt="none" fw={500}>
                              {o}
                            </Badge>
                          ))}
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap" justify="flex-end">
                        <Tooltip label="Edit">
                          <ActionIcon
                            aria-label={`Edit ${f.fieldName}`}
                            onClick={() => onEdit(f)}
                            data-testid={`cf-edit-${f.fieldName}`}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete">
                          <ActionIcon
                            color="red"
                            aria-label={`Delete ${f.fieldName}`}
                            onClick={() => onDelete(f)}
                            data-testid={`cf-delete-${f.fieldName}`}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
