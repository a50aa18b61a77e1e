import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';

export function useToggleColorScheme() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  return {
    scheme: computed,
    toggle: () => setColorScheme(computed === 'dark' ? 'light' : 'dark'),
  };
}

export function ColorSchemeToggle() {
  const { scheme, toggle } = useToggleColorScheme();
  const label = scheme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <Tooltip label={label}>
      <ActionIcon onClick={toggle} aria-label={label} data-testid="color-scheme-toggle" size="lg">
        {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}
