import { Button, Menu } from '@mantine/core';
import {
  IconChevronDown,
  IconDownload,
  IconFileSpreadsheet,
  IconTableImport,
} from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { appPaths } from '../../lib/paths';
import { xlsxPaths } from './queries';

export interface ImportExportMenuProps {
  canImport: boolean;
  /** The list's filters: the export follows them. */
  filters: { status?: string; clientTeamId?: string; q?: string };
}

/** Spreadsheet import and export, for the projects page header. */
export function ImportExportMenu({ canImport, filters }: ImportExportMenuProps) {
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          rightSection={<IconChevronDown size={14} />}
          data-testid="projects-import-export"
        >
          Import / Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {canImport ? (
          <Menu.Item
            leftSection={<IconTableImport size={16} />}
            onClick={() => void navigate({ to: appPaths.projectsImport })}
            data-testid="projects-import"
          >
            Import from spreadsheet…
          </Menu.Item>
        ) : null}
        <Menu.Item
          component="a"
          href={xlsxPaths.export(filters)}
          download
          leftSection={<IconDownload size={16} />}
          data-testid="projects-export"
        >
          Export to .xlsx
        </Menu.Item>
        {canImport ? (
          <Menu.Item
            component="a"
            href={xlsxPaths.template()}
            download
            leftSection={<IconFileSpreadsheet size={16} />}
            data-testid="projects-template"
          >
            Download import template
          </Menu.Item>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}
