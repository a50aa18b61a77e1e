import { useDocumentTitle } from '@mantine/hooks';

export function usePageTitle(title: string, appName = 'prodtrack') {
  useDocumentTitle(title ? `${title} · ${appName}` : appName);
}
