import { Card, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { PageHeader } from '../components/ui/page-header';
import { AnchorLink } from '../components/ui/router-link';
import { InboundDropZone } from '../features/inbound/inbound-drop-zone';
import { InboundLogTable } from '../features/inbound/inbound-log-table';
import { hasPermission, useMe } from '../features/me/queries';
import { Permission } from '../lib/permissions';
import { usePageTitle } from '../lib/use-page-title';

const route = getRouteApi('/app/inbound');

/** Upload by file name, and the log of every file that arrived by any channel. */
export function InboundPage() {
  usePageTitle('Inbound files');
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/inbound' });
  const me = useMe();
  const canUpload = hasPermission(me, 'REVISION_CREATE');
  const canEditPipelines = hasPermission(me, Permission.PIPELINE_MANAGE);
  return (
    <Stack gap="md">
      <PageHeader
        title="Inbound files"
        description="Files that find their deliverable by name — dropped here, sent to the API, or arriving from Box."
      />
      {canUpload ? (
        <Card withBorder padding="md">
          <Title order={3} fz="h5" fw={600} mb={4}>
            Upload by file name
          </Title>
          <Text size="xs" c="dimmed" mb="sm">
            The name says where a file goes: OMG job number, deliverable slug, optional version. It
            becomes the next version on the deliverable’s current stage — or waits in the
            deliverable’s holding pen while a version is with the client.{' '}
            {canEditPipelines ? (
              <>
                A pipeline can set its own naming rule (
                <AnchorLink to="/pipelines" size="xs">
                  Pipelines
                </AnchorLink>{' '}
                → Matching rule).
              </>
            ) : null}
          </Text>
          <InboundDropZone />
        </Card>
      ) : null}
      <Card withBorder padding="md">
        <Title order={3} fz="h5" fw={600} mb="sm">
          Inbound log
        </Title>
        <InboundLogTable
          filter={{ outcome: search.outcome, channel: search.channel }}
          onFilter={(next) =>
            void navigate({
              search: { outcome: next.outcome, channel: next.channel },
              replace: true,
            })
          }
        />
      </Card>
    </Stack>
  );
}
