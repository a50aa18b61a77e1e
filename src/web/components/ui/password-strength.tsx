import { Group, Progress, Text } from '@mantine/core';
import { MIN_PASSWORD_LENGTH, passwordStrength } from '../../lib/password';

/** Strength meter shown under new-password fields. */
export function PasswordStrength({ value }: { value: string }) {
  const strength = passwordStrength(value);
  const remaining = MIN_PASSWORD_LENGTH - value.length;
  return (
    <div aria-live="polite">
      <Group gap={4} grow mt={6} mb={4}>
        {[1, 2, 3, 4].map((i) => (
          <Progress
            key={i}
            size={4}
            value={value.length === 0 ? 0 : 100}
            color={strength.score >= i ? strength.color : 'gray.3'}
            transitionDuration={0}
            aria-hidden
          />
        ))}
      </Group>
      <Text size="xs" c="dimmed" data-testid="password-strength">
        {value.length === 0
          ? `At least ${MIN_PASSWORD_LENGTH} characters. Longer is stronger; mix cases, digits and symbols.`
          : remaining > 0
            ? `${remaining} more character${remaining === 1 ? '' : 's'} needed`
            : `Strength: ${strength.label}`}
      </Text>
    </div>
  );
}
