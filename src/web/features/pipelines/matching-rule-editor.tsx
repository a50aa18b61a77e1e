import { Badge, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconRestore } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import {
  checkFilenamePattern,
  DEFAULT_FILENAME_PATTERN,
  matchFilename,
} from '../../../domain/filename-matcher';

const GROUP_NAMES = ['OMG job number', 'Deliverable slug', 'Version'];

/**
 * The pipeline's naming rule for inbound files: the pattern with live compile feedback (the
 * same check the server runs on save, on the same linear-time engine), and a sample file name
 * showing match / no match and what each group captured.
 */
export function MatchingRuleEditor({
  value,
  onChange,
  readOnly,
  serverError,
}: {
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  /** The server's refusal of the last save, for this field. */
  serverError?: string;
}) {
  const [sample, setSample] = useState('1234_hero-banner_v2.png');
  const check = useMemo(() => checkFilenamePattern(value), [value]);
  const usingDefault = value.trim() === '';
  const match = useMemo(
    () => (check.ok && sample.trim() ? matchFilename(sample, check.pattern) : null),
    [check, sample],
  );

  return (
    <Stack gap="sm">
      <TextInput
        label="File name pattern"
        description="A regular expression (RE2 syntax, case-insensitive). Group 1 must capture the OMG job number, group 2 the deliverable slug (its alias, or its name as a slug); group 3, if any, the version. Leave empty for the default."
        placeholder={DEFAULT_FILENAME_PATTERN}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        readOnly={readOnly}
        error={serverError}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        spellCheck={false}
        autoComplete="off"
        data-testid="matching-rule-pattern"
      />
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        {/* The server's refusal already shows under the field: say it once. */}
        {serverError ? (
          <span />
        ) : (
          <Group gap={6} wrap="nowrap" data-testid="matching-rule-feedback" data-valid={check.ok}>
            {check.ok ? (
              <>
                <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />
                <Text size="sm" c="teal">
                  {usingDefault
                    ? 'Using the default pattern'
                    : `Valid pattern · ${check.pattern.groupCount} capture groups`}
                </Text>
              </>
            ) : (
              <>
                <IconCircleX
                  size={16}
                  color="var(--mantine-color-red-6)"
                  style={{ flexShrink: 0 }}
                />
                <Text size="sm" c="red" role="alert">
                  {check.message}
                </Text>
              </>
            )}
          </Group>
        )}
        {!readOnly ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconRestore size={14} />}
            onClick={() => onChange(usingDefault ? DEFAULT_FILENAME_PATTERN : '')}
            style={{ flexShrink: 0 }}
            data-testid="matching-rule-default"
          >
            {usingDefault ? 'Start from the default' : 'Use the default'}
          </Button>
        ) : null}
      </Group>
      {usingDefault ? (
        <Text size="xs" c="dimmed">
          Default: <Code>{DEFAULT_FILENAME_PATTERN}</Code> — e.g.{' '}
          <Code>1234_hero-banner_v2.png</Code>
        </Text>
      ) : null}

      <TextInput
        label="Try a file name"
        placeholder="e.g. 1234_hero-banner_v2.png"
        value={sample}
        onChange={(e) => setSample(e.currentTarget.value)}
        spellCheck={false}
        autoComplete="off"
        data-testid="matching-rule-sample"
      />
      <SampleResult
        valid={check.ok}
        sample={sample}
        match={match}
        groupCount={check.ok ? check.pattern.groupCount : 0}
      />
    </Stack>
  );
}

function SampleResult({
  valid,
  sample,
  match,
  groupCount,
}: {
  valid: boolean;
  sample: string;
  match: ReturnType<typeof matchFilename>;
  groupCount: number;
}) {
  if (!valid || !sample.trim()) {
    return (
      <Text size="sm" c="dimmed" data-testid="matching-rule-result" data-match="none">
        {valid ? 'Type a file name to test it.' : 'Fix the pattern to test a file name.'}
      </Text>
    );
  }
  if (!match) {
    return (
      <Group gap="xs" data-testid="matching-rule-result" data-match="false">
        <Badge color="red" variant="light">
          No match
        </Badge>
        <Text size="sm" c="dimmed">
          A file with this name would not be matched; it would be logged and reported.
        </Text>
      </Group>
    );
  }
  const rows = Array.from({ length: Math.max(groupCount, 3) }, (_, i) => ({
    index: i + 1,
    name: GROUP_NAMES[i] ?? 'Not used',
    value: match.groups[i] ?? null,
  })).filter((r) => r.index <= groupCount || r.index === 3);
  return (
    <Stack gap={6} data-testid="matching-rule-result" data-match="true">
      <Group gap="xs">
        <Badge color="teal" variant="light">
          Match
        </Badge>
        <Text size="sm">
          Job <strong>{match.jobNumber}</strong> · deliverable <strong>{match.slug}</strong>
          {match.version !== null ? (
            <>
              {' '}
              · version <strong>{match.version}</strong>
            </>
          ) : null}
        </Text>
      </Group>
      <Table withTableBorder fz="sm" maw={520} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Group</Table.Th>
            <Table.Th>Meaning</Table.Th>
            <Table.Th>Captured</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.index} data-testid={`matching-rule-group-${r.index}`}>
              <Table.Td>{r.index}</Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>
                {r.value === null ? (
                  <Text span size="sm" c="dimmed">
                    {r.index > groupCount ? 'no group' : 'not present'}
                  </Text>
                ) : (
                  <Code>{r.value}</Code>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
