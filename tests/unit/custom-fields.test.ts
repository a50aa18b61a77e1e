import { describe, expect, it } from 'vitest';
import {
  CUSTOM_FIELD_NAME_PATTERN,
  isIsoDate,
  matchesCustomFieldFilter,
  mergeCustomFieldValues,
  validateCustomFieldValues,
  type CustomFieldDef,
} from '../../src/domain/custom-fields';

const defs: CustomFieldDef[] = [
  {
    fieldName: 'Region',
    fieldType: 'SELECT',
    fieldOptions: { options: ['EU', 'US'] },
    isRequired: true,
  },
  { fieldName: 'Notes', fieldType: 'TEXT', isRequired: false },
  { fieldName: 'Budget', fieldType: 'NUMBER', isRequired: false },
  { fieldName: 'Launch Date', fieldType: 'DATE', isRequired: false },
  { fieldName: 'Is Hero', fieldType: 'BOOLEAN', isRequired: false },
];

describe('validateCustomFieldValues: single values', () => {
  it.each<[string, unknown, unknown]>([
    ['Notes', 'hello', 'hello'],
    ['Notes', '  padded  ', 'padded'],
    ['Notes', 'x'.repeat(2000), 'x'.repeat(2000)],
    ['Notes', null, null],
    ['Notes', '   ', null],
    ['Budget', 0, 0],
    ['Budget', -12.5, -12.5],
    ['Budget', null, null],
    ['Launch Date', '2025-02-28', '2025-02-28'],
    ['Launch Date', '2024-02-29', '2024-02-29'],
    ['Launch Date', '', null],
    ['Region', 'EU', 'EU'],
    ['Region', ' US ', 'US'],
    ['Is Hero', true, true],
    ['Is Hero', false, false],
  ])('%s = %j → %j', (name, value, expected) => {
    const r = validateCustomFieldValues(defs, { [name]: value }, { partial: true });
    expect(r).toEqual({ ok: true, values: { [name]: expected } });
  });

  it.each<[string, unknown, string]>([
    ['Notes', 42, 'must be text'],
    ['Notes', 'x'.repeat(2001), 'must be at most 2000 characters'],
    ['Budget', '12', 'must be a number'],
    ['Budget', Number.NaN, 'must be a number'],
    ['Budget', Number.POSITIVE_INFINITY, 'must be a number'],
    ['Budget', true, 'must be a number'],
    ['Launch Date', '2025-02-30', 'must be a date (YYYY-MM-DD)'],
    ['Launch Date', '2023-02-29', 'must be a date (YYYY-MM-DD)'],
    ['Launch Date', '2025-1-5', 'must be a date (YYYY-MM-DD)'],
    ['Launch Date', '2025-01-05T10:00:00Z', 'must be a date (YYYY-MM-DD)'],
    ['Launch Date', 20250105, 'must be a date (YYYY-MM-DD)'],
    ['Region', 'APAC', 'must be one of: EU, US'],
    ['Region', 'eu', 'must be one of: EU, US'],
    ['Region', ['EU'], 'must be one of: EU, US'],
    ['Region', null, 'is required'],
    ['Region', '', 'is required'],
    ['Is Hero', 'true', 'must be true or false'],
    ['Is Hero', 1, 'must be true or false'],
    ['Nope', 'x', 'is not a custom field'],
  ])('%s = %j → "%s"', (name, value, message) => {
    const r = validateCustomFieldValues(defs, { [name]: value }, { partial: true });
    expect(r).toEqual({ ok: false, fields: [{ path: `customFields.${name}`, message }] });
  });
});

describe('validateCustomFieldValues: required fields and modes', () => {
  it.each<[string, Record<string, unknown> | undefined, boolean, unknown]>([
    [
      'full: required missing',
      {},
      false,
      [{ path: 'customFields.Region', message: 'is required' }],
    ],
    [
      'full: undefined values',
      undefined,
      false,
      [{ path: 'customFields.Region', message: 'is required' }],
    ],
    [
      'full: required null',
      { Region: null },
      false,
      [{ path: 'customFields.Region', message: 'is required' }],
    ],
    ['full: required given', { Region: 'EU' }, false, null],
    ['partial: required missing is fine', { Budget: 3 }, true, null],
    ['partial: empty', {}, true, null],
    ['partial: required undefined is ignored', { Region: undefined }, true, null],
  ])('%s', (_label, values, partial, fields) => {
    const r = validateCustomFieldValues(defs, values, { partial });
    if (fields === null) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, fields });
  });

  it('reports every problem at once', () => {
    const r = validateCustomFieldValues(defs, { Budget: 'lots', Extra: 1 }, { partial: false });
    expect(r).toEqual({
      ok: false,
      fields: [
        { path: 'customFields.Budget', message: 'must be a number' },
        { path: 'customFields.Extra', message: 'is not a custom field' },
        { path: 'customFields.Region', message: 'is required' },
      ],
    });
  });

  it('keeps nulls in the normalized result so an edit can clear', () => {
    const r = validateCustomFieldValues(defs, { Region: 'US', Notes: null }, { partial: false });
    expect(r).toEqual({ ok: true, values: { Region: 'US', Notes: null } });
  });

  it('with no definitions, any key is unknown', () => {
    expect(validateCustomFieldValues([], { a: 1 }, { partial: true }).ok).toBe(false);
    expect(validateCustomFieldValues([], {}, { partial: false })).toEqual({ ok: true, values: {} });
  });

  it('a SELECT without options accepts nothing', () => {
    const r = validateCustomFieldValues(
      [{ fieldName: 'S', fieldType: 'SELECT', fieldOptions: null, isRequired: false }],
      { S: 'a' },
      { partial: true },
    );
    expect(r.ok).toBe(false);
  });
});

describe('mergeCustomFieldValues', () => {
  it.each<
    [Record<string, unknown> | null, Record<string, string | number | boolean | null>, unknown]
  >([
    [null, { a: 1 }, { a: 1 }],
    [{ a: 1, b: 'x' }, { b: null }, { a: 1 }],
    [{ a: 1 }, { a: 2, c: true }, { a: 2, c: true }],
    [{ a: 1 }, {}, { a: 1 }],
    [{}, { a: null }, {}],
  ])('%j + %j → %j', (existing, changes, expected) => {
    expect(mergeCustomFieldValues(existing, changes)).toEqual(expected);
  });

  it('does not change its inputs', () => {
    const existing = { a: 1 };
    mergeCustomFieldValues(existing, { a: null });
    expect(existing).toEqual({ a: 1 });
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2025-01-01', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-04-31', false],
    ['25-01-01', false],
    [' 2025-01-01', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('field names', () => {
  it.each([
    ['Region', true],
    ['Launch Date', true],
    ['cost_center-2', true],
    ['Café Größe', true],
    ['a.b', false],
    ['a/b', false],
    ['emoji 🎉', false],
    ['', false],
  ])('%j → %s', (name, ok) => {
    expect(CUSTOM_FIELD_NAME_PATTERN.test(name)).toBe(ok);
  });
});

describe('matchesCustomFieldFilter', () => {
  it.each<[CustomFieldDef['fieldType'], unknown, string, boolean]>([
    ['TEXT', 'Hello World', 'world', true],
    ['TEXT', 'Hello', 'bye', false],
    ['TEXT', undefined, '', true],
    ['TEXT', null, 'x', false],
    ['TEXT', 'x', '', false],
    ['NUMBER', 12, '12', true],
    ['NUMBER', 12, '12.0', true],
    ['NUMBER', 12, 'abc', false],
    ['BOOLEAN', true, 'true', true],
    ['BOOLEAN', false, 'false', true],
    ['BOOLEAN', false, 'true', false],
    ['BOOLEAN', false, 'no', false],
    ['DATE', '2025-01-01', '2025-01-01', true],
    ['DATE', '2025-01-01', '2025-01', false],
    ['SELECT', 'EU', 'EU', true],
    ['SELECT', 'EU', 'eu', false],
  ])('%s %j ~ %j → %s', (fieldType, value, filter, expected) => {
    expect(matchesCustomFieldFilter({ fieldType }, value, filter)).toBe(expected);
  });
});
