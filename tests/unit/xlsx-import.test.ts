import { describe, expect, it } from 'vitest';
import { PRIORITIES, PROJECT_STATUSES } from '../../src/server/db/schema';
import {
  buildPlan,
  columnLetter,
  detectHeader,
  exportRow,
  fieldCatalog,
  parseDateCell,
  PRIORITY_VALUES,
  PROJECT_STATUS_VALUES,
  resolveMapping,
  suggestMapping,
  type Cell,
  type CustomFieldDefs,
  type ExistingProject,
  type PlanContext,
  type SheetRow,
} from '../../src/domain/xlsx-import';

const defs: CustomFieldDefs = {
  PROJECT: [{ fieldName: 'Budget code', fieldType: 'TEXT', isRequired: false }],
  DELIVERABLE: [
    {
      fieldName: 'Region',
      fieldType: 'SELECT',
      fieldOptions: { options: ['EU', 'US'] },
      isRequired: false,
    },
    { fieldName: 'Is hero', fieldType: 'BOOLEAN', isRequired: false },
  ],
};
const catalog = fieldCatalog(defs);

const sheet = (...rows: Cell[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

const existing: ExistingProject = {
  id: 'p1',
  omgJobNumber: '100',
  projectCode: 'P-100',
  name: 'Old name',
  clientTeamId: null,
  pipelineTemplateId: 'pipe1',
  status: 'ACTIVE',
  priority: 'MEDIUM',
  startDate: null,
  dueDate: '2026-03-01',
  description: null,
  businessUnit: null,
  requestor: null,
  agency: null,
  estimatedCost: null,
  actualCost: null,
  customFields: {},
  deliverables: [
    {
      id: 'd1',
      name: 'Hero Banner',
      boxAliasSlug: null,
      priority: 'MEDIUM',
      dueDate: null,
      notes: null,
      customFields: { Region: 'EU' },
    },
    {
      id: 'd2',
      name: 'Poster',
      boxAliasSlug: 'poster-a1',
      priority: 'LOW',
      dueDate: null,
      notes: null,
      customFields: {},
    },
  ],
};

const ctx = (over: Partial<PlanContext> = {}): PlanContext => ({
  projects: [existing],
  projectCodes: new Map([['P-100', '100']]),
  clientTeams: [{ id: 't1', name: 'Acme Corp', slug: 'acme' }],
  pipelines: [
    { id: 'pipe1', name: 'Stills', isArchived: false, isDefault: true, stageCount: 2 },
    { id: 'pipe2', name: 'Old', isArchived: true, isDefault: false, stageCount: 1 },
    { id: 'pipe3', name: 'Empty', isArchived: false, isDefault: false, stageCount: 0 },
  ],
  customFields: defs,
  can: {
    projectCreate: true,
    projectUpdate: true,
    deliverableCreate: true,
    deliverableUpdate: true,
  },
  ...over,
});

function plan(rows: SheetRow[], mapping?: Record<string, string | null>, c = ctx()) {
  const detected = detectHeader(rows, catalog);
  const resolved = resolveMapping(detected.columns, catalog, mapping);
  expect(resolved.problems).toEqual([]);
  return buildPlan(rows, detected, resolved.mapping, c);
}

describe('columns and header detection', () => {
  it('names columns like the sheet', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
  });

  it('keeps the enums in step with the database', () => {
    expect([...PROJECT_STATUS_VALUES]).toEqual([...PROJECT_STATUSES]);
    expect([...PRIORITY_VALUES]).toEqual([...PRIORITIES]);
  });

  it('finds the header below title rows', () => {
    const rows = sheet(
      ['Q3 intake'],
      [],
      ['Job #', 'Project', 'Deliverable', 'Due'],
      ['100', 'X', 'Y', '2026-01-01'],
    ).filter((r) => r.cells.length);
    const d = detectHeader(rows, catalog);
    expect(d.headerRow).toBe(3);
    expect(d.columns.map((c) => `${c.column}=${c.header}`)).toEqual([
      'A=Job #',
      'B=Project',
      'C=Deliverable',
      'D=Due',
    ]);
  });

  it('falls back to the first row with text when nothing is recognised', () => {
    const d = detectHeader(sheet([1, 2], ['foo', 'bar'], ['x', 'y']), catalog);
    expect(d.headerRow).toBe(2);
  });
});

describe('mapping', () => {
  const cols = (...headers: string[]) =>
    headers.map((header, index) => ({ index, column: columnLetter(index), header }));

  it('suggests by label and alias, exact labels first, each field once', () => {
    const m = suggestMapping(
      cols('Due date', 'Project due date', 'OMG #', 'Priority', 'Priority', 'Region', 'Whatever'),
      catalog,
    );
    expect(m).toEqual({
      A: 'deliverable.dueDate',
      B: 'project.dueDate',
      C: 'project.omgJobNumber',
      D: 'deliverable.priority',
      E: null,
      F: 'deliverable.cf.Region',
      G: null,
    });
  });

  it('lets the user override, and moves a field the user placed elsewhere', () => {
    const c = cols('OMG job number', 'Name', 'Title');
    const { mapping, problems } = resolveMapping(c, catalog, { C: 'project.name' });
    expect(problems).toEqual([]);
    expect(mapping).toEqual({ A: 'project.omgJobNumber', B: null, C: 'project.name' });
  });

  it('reports mapping problems', () => {
    const c = cols('Name', 'Other');
    const { problems } = resolveMapping(c, catalog, {
      A: 'project.name',
      B: 'project.name',
      Q: 'project.agency',
    });
    expect(problems.map((p) => p.message)).toEqual([
      'Column Q has no header in this sheet',
      '"Project name" is mapped to columns A and B: pick one',
      'Map a column to "OMG job number": it keys every row',
    ]);
    expect(resolveMapping(c, catalog, { A: 'nope' }).problems[0]!.message).toMatch(
      /unknown field "nope"/,
    );
  });
});

describe('parsing cells', () => {
  it.each<[Cell, string | null]>([
    [new Date(Date.UTC(2026, 0, 31)), '2026-01-31'],
    ['2026-1-5', '2026-01-05'],
    ['2026/02/03', '2026-02-03'],
    ['2026-02-03T10:00:00Z', '2026-02-03'],
    [46023, '2026-01-01'],
    ['2026-02-30', null],
    ['31/01/2026', null],
    ['soon', null],
  ])('date %s → %s', (cell, want) => {
    const p = parseDateCell(cell);
    expect(p.ok ? p.value : null).toBe(want);
  });

  it('parses job numbers, enums, money, slugs and custom fields, and says what is wrong', () => {
    const rows = sheet(
      [
        'OMG job number',
        'Project name',
        'Project status',
        'Estimated cost',
        'Deliverable name',
        'Alias slug',
        'Deliverable priority',
        'Deliverable: Region',
        'Deliverable: Is hero',
      ],
      [200, 'New', 'on hold', '1,250.50', 'Clip', 'clip-a', 'urgent', 'us', 'yes'],
      ['2x', 'Bad', 'Done', -1, 'Clip', 'Not A Slug', 'meh', 'Mars', 'maybe'],
    );
    const p = plan(rows);
    const row2 = p.rows.find((r) => r.row === 2)!;
    expect(row2.errors).toEqual([]);
    const created = p.projects.find((x) => x.omgJobNumber === '200')!;
    expect(created.input).toMatchObject({
      omgJobNumber: '200',
      projectCode: '200',
      name: 'New',
      status: 'ON_HOLD',
      estimatedCost: 1250.5,
    });
    expect(row2.deliverable!.input).toEqual({
      name: 'Clip',
      boxAliasSlug: 'clip-a',
      priority: 'URGENT',
      customFields: { Region: 'US', 'Is hero': true },
    });
    const msgs = p.rows.find((r) => r.row === 3)!.errors.map((e) => `${e.column}: ${e.message}`);
    expect(msgs).toEqual([
      'A: OMG job number: "2x" is not an OMG job number (digits only)',
      'C: Project status: "Done" is not one of: Pipeline, Active, On hold, Completed, Canceled, Archived',
      'D: Estimated cost: must not be negative',
      'F: Alias slug: "Not A Slug" is not a slug (lower-case letters, digits and hyphens)',
      'G: Deliverable priority: "meh" is not one of: Low, Medium, High, Urgent',
      'I: Deliverable: Is hero: "maybe" is not yes / no',
    ]);
  });
});

describe('the plan', () => {
  const HEAD = [
    'OMG job number',
    'Project name',
    'Deliverable name',
    'Alias slug',
    'Due date',
    'Region',
  ];

  it('creates, updates and leaves alone; matches by slug, else by name', () => {
    const p = plan(
      sheet(
        HEAD,
        ['100', 'Old name', 'Hero Banner', null, '2026-04-01', null],
        ['100', null, 'Poster renamed', 'poster-a1', null, null],
        ['101', 'Brand new', 'Clip', null, null, 'EU'],
        ['101', null, null, null, null, null],
      ),
    );
    expect(p.errors).toEqual([]);
    expect(p.counts).toMatchObject({
      rows: 4,
      projects: { create: 1, update: 0, unchanged: 1 },
      deliverables: { create: 1, update: 2, unchanged: 0 },
    });
    const [hero, poster] = p.rows;
    expect(hero!.deliverable).toMatchObject({
      action: 'update',
      id: 'd1',
      changes: ['Deliverable due date'],
      input: { dueDate: '2026-04-01' },
    });
    expect(poster!.deliverable).toMatchObject({
      action: 'update',
      id: 'd2',
      slug: 'poster-a1',
      input: { name: 'Poster renamed' },
    });
    expect(p.rows[3]!.deliverable).toBeNull();
    expect(p.projects.find((x) => x.omgJobNumber === '101')).toMatchObject({
      action: 'create',
      rows: [4, 5],
      input: { name: 'Brand new' },
    });
  });

  it('an alias on an existing name updates that deliverable (found by name)', () => {
    const p = plan(sheet(HEAD, ['100', null, 'Hero Banner', 'hero-eu', null, null]));
    expect(p.rows[0]!.deliverable).toMatchObject({
      action: 'update',
      id: 'd1',
      slug: 'hero-eu',
      input: { boxAliasSlug: 'hero-eu' },
    });
  });

  it('refuses slug clashes, duplicates and disagreeing project values', () => {
    const p = plan(
      sheet(
        HEAD,
        ['100', null, 'Clip', null, null, null],
        ['100', 'Another name', 'clip', null, null, null],
        ['100', 'Yet another', 'Hero Banner', 'clip', null, null],
      ),
    );
    const msgs = p.errors.map((e) => `${e.row}${e.column}: ${e.message}`);
    expect(msgs).toEqual([
      '3C: Row 2 already has this deliverable (job 100, slug "clip")',
      '4B: Project name "Yet another" differs from row 3 ("Another name") for job 100',
      '4D: row 2 in job 100 already uses the slug "clip": set an alias slug',
    ]);
  });

  it('the slug is the key: an alias of an existing deliverable renames it', () => {
    const p = plan(sheet(HEAD, ['100', null, 'Poster XL', 'poster-a1', null, null]));
    expect(p.rows[0]!.deliverable).toMatchObject({
      action: 'update',
      id: 'd2',
      input: { name: 'Poster XL' },
    });
  });

  it('checks what the services would refuse: names, codes, teams, pipelines, custom fields, permissions', () => {
    const head = [
      'OMG job number',
      'Project name',
      'Project code',
      'Client team',
      'Pipeline',
      'Deliverable name',
      'Region',
    ];
    const p = plan(
      sheet(
        head,
        ['300', null, null, 'Nobody', null, 'X', null],
        ['301', 'Code taken', 'P-100', 'acme', 'Old', 'X', null],
        ['302', 'Empty pipe', null, 'ACME CORP', 'Empty', 'X', 'Asia'],
        ['303', 'Fine', null, null, 'stills', 'X', 'eu'],
      ),
      undefined,
      ctx({
        can: {
          projectCreate: true,
          projectUpdate: true,
          deliverableCreate: false,
          deliverableUpdate: true,
        },
      }),
    );
    const msgs = p.errors.map((e) => `${e.row}${e.column ?? '-'}: ${e.message}`);
    expect(msgs).toEqual([
      '2D: No client team named "Nobody"',
      '2B: Project name is required for the new job 300',
      '2-: You need the DELIVERABLE_CREATE permission to create deliverables',
      '3E: The pipeline "Old" is archived',
      '3C: The project code P-100 is already used by another project',
      '3-: You need the DELIVERABLE_CREATE permission to create deliverables',
      '4G: Region must be one of: EU, US',
      '4-: You need the DELIVERABLE_CREATE permission to create deliverables',
      '4E: The pipeline "Empty" has no stages',
      '5-: You need the DELIVERABLE_CREATE permission to create deliverables',
    ]);
    expect(p.projects.find((x) => x.omgJobNumber === '302')!.input.clientTeamId).toBe('t1');
    expect(p.counts.errorRows).toBe(4);
  });

  it('new projects need a pipeline to get deliverables', () => {
    const p = plan(
      sheet(['OMG job number', 'Project name', 'Deliverable name'], ['400', 'No pipe', 'X']),
      undefined,
      ctx({ pipelines: [] }),
    );
    expect(p.errors[0]!.message).toMatch(/Job 400 has no pipeline/);
  });

  it('project updates list their changes; blank cells keep values', () => {
    const p = plan(
      sheet(
        ['OMG job number', 'Project name', 'Project due date', 'Project: Budget code', 'Agency'],
        ['100', 'New name', new Date(Date.UTC(2026, 2, 1, 15)), 'BC-9', null],
      ),
    );
    expect(p.projects[0]).toMatchObject({
      action: 'update',
      changes: ['Project name', 'Project: Budget code'],
      input: { name: 'New name', customFields: { 'Budget code': 'BC-9' } },
    });
    const denied = plan(
      sheet(['OMG job number', 'Project name'], ['100', 'New name']),
      undefined,
      ctx({
        can: {
          projectCreate: false,
          projectUpdate: false,
          deliverableCreate: true,
          deliverableUpdate: true,
        },
      }),
    );
    expect(denied.errors.map((e) => e.message)).toEqual([
      'You need the PROJECT_UPDATE permission to change job 100',
    ]);
  });
});

describe('export rows', () => {
  it('writes the catalog order, and a project-only row without a deliverable', () => {
    const p = { ...existing, clientTeamName: 'Acme Corp', pipelineName: 'Stills' };
    const row = exportRow(catalog, p, existing.deliverables[0]!);
    const byLabel = Object.fromEntries(catalog.map((f, i) => [f.label, row[i]]));
    expect(byLabel).toMatchObject({
      'OMG job number': '100',
      'Project code': 'P-100',
      'Client team': 'Acme Corp',
      Pipeline: 'Stills',
      'Project status': 'ACTIVE',
      'Project due date': '2026-03-01',
      'Deliverable name': 'Hero Banner',
      'Alias slug': null,
      'Deliverable: Region': 'EU',
    });
    const projectOnly = exportRow(catalog, p, null);
    expect(projectOnly[catalog.findIndex((f) => f.key === 'deliverable.name')]).toBeNull();

    // Re-planning an export changes nothing.
    const rows = sheet(
      catalog.map((f) => f.label),
      ...existing.deliverables.map((d) => exportRow(catalog, p, d) as Cell[]),
    );
    const again = plan(rows, undefined, ctx({ projects: [{ ...existing, clientTeamId: 't1' }] }));
    expect(again.errors).toEqual([]);
    expect(again.counts.projects).toEqual({ create: 0, update: 0, unchanged: 1 });
    expect(again.counts.deliverables).toEqual({ create: 0, update: 0, unchanged: 2 });
  });
});
