import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db, DbOrTx } from '../db/client';
import {
  briefs,
  clientTeamMemberships,
  clientTeams,
  deliverableStages,
  deliverables,
  notifications,
  pipelineStageDefinitions,
  pipelineStageDependencies,
  pipelineStageReworks,
  pipelineTemplates,
  pods,
  projects,
  stageAssignments,
  users,
} from '../db/schema';
import { createOrganization, createUserWithPassword } from '../modules/orgs/org-bootstrap';

type StageStatus = (typeof deliverableStages.$inferInsert)['status'];

export interface SeedResult {
  seeded: boolean;
  lines: string[];
}

interface StageSpec {
  name: string;
  slug: string;
  color: string;
  days: number;
  approval: 'NONE' | 'SIMPLE' | 'FORMAL';
  optional?: boolean;
  gate?: boolean;
  after: string[];
}

const IMAGE_PIPELINE: StageSpec[] = [
  {
    name: 'Brief Review',
    slug: 'brief-review',
    color: '#868e96',
    days: 1,
    approval: 'NONE',
    after: [],
  },
  {
    name: 'Creative',
    slug: 'creative',
    color: '#4c6ef5',
    days: 3,
    approval: 'SIMPLE',
    after: ['brief-review'],
  },
  {
    name: 'Retouch',
    slug: 'retouch',
    color: '#7950f2',
    days: 2,
    approval: 'SIMPLE',
    optional: true,
    after: ['creative'],
  },
  {
    name: 'Final Approval',
    slug: 'final-approval',
    color: '#f59f00',
    days: 1,
    approval: 'FORMAL',
    gate: true,
    after: ['creative'],
  },
  {
    name: 'Delivery',
    slug: 'delivery',
    color: '#37b24d',
    days: 1,
    approval: 'NONE',
    after: ['final-approval', 'retouch'],
  },
];

const VIDEO_PIPELINE: StageSpec[] = [
  { name: 'Script', slug: 'script', color: '#868e96', days: 2, approval: 'SIMPLE', after: [] },
  {
    name: 'Storyboard',
    slug: 'storyboard',
    color: '#4c6ef5',
    days: 2,
    approval: 'SIMPLE',
    after: ['script'],
  },
  {
    name: 'Edit',
    slug: 'edit',
    color: '#7950f2',
    days: 4,
    approval: 'SIMPLE',
    after: ['storyboard'],
  },
  {
    name: 'Color & Sound',
    slug: 'color-sound',
    color: '#e64980',
    days: 2,
    approval: 'NONE',
    after: ['edit'],
  },
  {
    name: 'Client Approval',
    slug: 'client-approval',
    color: '#f59f00',
    days: 2,
    approval: 'FORMAL',
    gate: true,
    after: ['color-sound'],
  },
];

async function createPipeline(
  tx: DbOrTx,
  orgId: string,
  name: string,
  description: string,
  isDefault: boolean,
  specs: StageSpec[],
  reworks: [string, string][],
) {
  const [pipeline] = await tx
    .insert(pipelineTemplates)
    .values({ organizationId: orgId, name, description, isDefault })
    .returning();
  const defs = await tx
    .insert(pipelineStageDefinitions)
    .values(
      specs.map((s, i) => ({
        pipelineId: pipeline!.id,
        name: s.name,
        slug: s.slug,
        order: i,
        color: s.color,
        estimatedDays: s.days,
        approvalType: s.approval,
        isOptional: s.optional ?? false,
        isCriticalGate: s.gate ?? false,
      })),
    )
    .returning();
  const bySlug = new Map(defs.map((d) => [d.slug, d]));
  const deps = specs.flatMap((s) =>
    s.after.map((p) => ({ stageId: bySlug.get(s.slug)!.id, prerequisiteId: bySlug.get(p)!.id })),
  );
  if (deps.length) await tx.insert(pipelineStageDependencies).values(deps);
  if (reworks.length) {
    await tx.insert(pipelineStageReworks).values(
      reworks.map(([from, to]) => ({
        fromStageId: bySlug.get(from)!.id,
        toStageId: bySlug.get(to)!.id,
      })),
    );
  }
  return { pipeline: pipeline!, defs };
}

/**
 * Demo data for a first start: two organizations, one user per role, pipelines, a client
 * team that owns some projects, and deliverables at several points of their pipeline.
 * Runs only on an empty database.
 */
export async function seedDemo(db: Db, config: Config): Promise<SeedResult> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n > 0) return { seeded: false, lines: [] };

  const generated = !config.DEMO_PASSWORD;
  const demoPassword = config.DEMO_PASSWORD ?? `demo-${randomBytes(6).toString('base64url')}`;
  const adminEmail = config.ADMIN_EMAIL ?? 'admin@demo.prodtrack.test';
  const adminPassword = config.ADMIN_PASSWORD ?? demoPassword;

  await db.transaction(async (tx) => {
    const org = await createOrganization(tx, {
      name: 'Demo Agency',
      domain: 'demo.prodtrack.test',
    });
    const admin = await createUserWithPassword(db, tx, org.id, {
      email: adminEmail,
      name: 'Ada Admin',
      role: 'ADMIN',
      password: adminPassword,
      // An operator-chosen bootstrap password is temporary by nature.
      mustChangePassword: Boolean(config.ADMIN_PASSWORD),
    });
    const producer = await createUserWithPassword(db, tx, org.id, {
      email: 'producer@demo.prodtrack.test',
      name: 'Priya Producer',
      role: 'PRODUCER',
      password: demoPassword,
    });
    const artist = await createUserWithPassword(db, tx, org.id, {
      email: 'artist@demo.prodtrack.test',
      name: 'Arturo Artist',
      role: 'ARTIST',
      password: demoPassword,
    });
    const artist2 = await createUserWithPassword(db, tx, org.id, {
      email: 'artist2@demo.prodtrack.test',
      name: 'Mina Motion',
      role: 'ARTIST',
      password: demoPassword,
    });
    const client = await createUserWithPassword(db, tx, org.id, {
      email: 'client@demo.prodtrack.test',
      name: 'Chloe Client',
      role: 'CLIENT_VIEWER',
      password: demoPassword,
    });

    const [team] = await tx
      .insert(clientTeams)
      .values({ organizationId: org.id, name: 'Lumen Beauty', slug: 'lumen-beauty' })
      .returning();
    const [team2] = await tx
      .insert(clientTeams)
      .values({ organizationId: org.id, name: 'Orbit Mobile', slug: 'orbit-mobile' })
      .returning();
    await tx
      .insert(clientTeamMemberships)
      .values({ userId: client.id, clientTeamId: team!.id, isPrimary: true });

    const [stills, motion] = await tx
      .insert(pods)
      .values([
        { organizationId: org.id, name: 'Stills', slug: 'stills', leadUserId: producer.id },
        { organizationId: org.id, name: 'Motion', slug: 'motion', leadUserId: producer.id },
      ])
      .returning();
    await tx
      .update(users)
      .set({ homePodId: stills!.id })
      .where(sql`${users.id} in (${artist.id}, ${producer.id})`);
    await tx
      .update(users)
      .set({ homePodId: motion!.id })
      .where(sql`${users.id} = ${artist2.id}`);

    const image = await createPipeline(
      tx,
      org.id,
      'Image Production',
      'Stills: creative, retouch, approval, delivery',
      true,
      IMAGE_PIPELINE,
      [
        ['final-approval', 'creative'],
        ['retouch', 'creative'],
      ],
    );
    const video = await createPipeline(
      tx,
      org.id,
      'Video Production',
      'Script to client-approved cut',
      false,
      VIDEO_PIPELINE,
      [
        ['client-approval', 'edit'],
        ['edit', 'storyboard'],
      ],
    );

    const day = 86_400_000;
    const now = Date.now();
    const projectSpecs = [
      {
        code: 'LUM-001',
        omg: '100231',
        name: 'Lumen Spring Launch',
        team: team!.id,
        pipe: image,
        due: 21,
        status: 'ACTIVE' as const,
        priority: 'HIGH' as const,
      },
      {
        code: 'LUM-002',
        omg: '100245',
        name: 'Lumen Holiday Gift Sets',
        team: team!.id,
        pipe: video,
        due: 45,
        status: 'ACTIVE' as const,
        priority: 'MEDIUM' as const,
      },
      {
        code: 'ORB-010',
        omg: '200118',
        name: 'Orbit X5 Phone Reveal',
        team: team2!.id,
        pipe: video,
        due: 30,
        status: 'ACTIVE' as const,
        priority: 'URGENT' as const,
      },
      {
        code: 'INT-100',
        omg: '300007',
        name: 'Agency Showreel 2026',
        team: null,
        pipe: image,
        due: 60,
        status: 'PIPELINE' as const,
        priority: 'LOW' as const,
      },
    ];
    // How far along each demo deliverable is: the number of leading stages already approved.
    const deliverableSpecs: Record<string, [string, number][]> = {
      'LUM-001': [
        ['Hero Banner', 3],
        ['Product Packshot', 1],
        ['Social Square', 0],
        ['Email Header', 5],
      ],
      'LUM-002': [
        ['Gift Set 15s Spot', 2],
        ['Gift Set 6s Bumper', 0],
      ],
      'ORB-010': [
        ['Reveal Film 30s', 4],
        ['Feature Cutdown', 1],
      ],
      'INT-100': [['Showreel Poster', 0]],
    };

    for (const p of projectSpecs) {
      const [project] = await tx
        .insert(projects)
        .values({
          organizationId: org.id,
          projectCode: p.code,
          omgJobNumber: p.omg,
          name: p.name,
          status: p.status,
          priority: p.priority,
          clientTeamId: p.team,
          pipelineTemplateId: p.pipe.pipeline.id,
          startDate: new Date(now - 7 * day),
          dueDate: new Date(now + p.due * day),
          requestorUserId: producer.id,
          businessUnit: p.team ? 'Consumer' : 'Internal',
          agency: 'Demo Agency',
          estimatedCost: 12000 + p.due * 100,
        })
        .returning();
      for (const [name, approvedCount] of deliverableSpecs[p.code] ?? []) {
        const [deliverable] = await tx
          .insert(deliverables)
          .values({
            organizationId: org.id,
            projectId: project!.id,
            name,
            dueDate: new Date(now + (p.due - 3) * day),
            status:
              approvedCount === 0
                ? 'NOT_STARTED'
                : approvedCount >= p.pipe.defs.length
                  ? 'APPROVED'
                  : 'IN_PROGRESS',
          })
          .returning();
        const stageRows = p.pipe.defs.map((def, i) => {
          let status: StageStatus = 'BLOCKED';
          if (i < approvedCount) status = 'APPROVED';
          else if (i === approvedCount)
            status = approvedCount === 0 ? 'NOT_STARTED' : 'IN_PROGRESS';
          if (def.isOptional && i < approvedCount) status = 'SKIPPED';
          if (i === 0 && status === 'BLOCKED') status = 'NOT_STARTED';
          return {
            organizationId: org.id,
            deliverableId: deliverable!.id,
            stageDefinitionId: def.id,
            status,
            startDate:
              status === 'BLOCKED' || status === 'NOT_STARTED'
                ? null
                : new Date(now - (5 - i) * day),
          };
        });
        const stages = await tx.insert(deliverableStages).values(stageRows).returning();
        const active = stages.find((s) => s.status === 'IN_PROGRESS' || s.status === 'NOT_STARTED');
        if (active) {
          await tx.insert(stageAssignments).values({
            organizationId: org.id,
            deliverableStageId: active.id,
            userId: p.pipe === video ? artist2.id : artist.id,
            role: 'LEAD',
          });
        }
      }
    }

    // Briefs waiting for triage, as they arrive by hand, by API and by webhook.
    await tx.insert(briefs).values([
      {
        organizationId: org.id,
        title: 'Lumen summer sampling kit',
        description: 'Six social stills and a 15 s cut-down for the summer sampling push.',
        source: 'api',
        externalId: 'WF-2041',
        requestorName: 'Mara Lind',
        requestorEmail: 'mara.lind@lumen.example',
        clientTeamId: team!.id,
        requestedDueDate: new Date(now + 21 * day),
        rawPayload: { budgetCode: 'LB-SUM-26', channel: ['instagram', 'tiktok'] },
      },
      {
        organizationId: org.id,
        title: 'Retail shelf wobblers — autumn range',
        description: 'Print-ready wobblers for 4 SKUs; dielines to follow.',
        source: 'manual',
        status: 'REVIEWING',
        requestorName: 'Tom Becker',
        clientTeamId: team!.id,
        requestedDueDate: new Date(now + 35 * day),
      },
    ]);

    await tx.insert(notifications).values([
      {
        organizationId: org.id,
        userId: artist.id,
        type: 'ASSIGNMENT',
        title: 'You were assigned',
        message: 'Creative on Product Packshot (Lumen Spring Launch)',
      },
      {
        organizationId: org.id,
        userId: admin.id,
        type: 'STATUS_CHANGE',
        title: 'Welcome to prodtrack',
        message: 'Demo data is loaded: explore the settings to see users, roles and client teams.',
      },
    ]);

    const northwind = await createOrganization(tx, {
      name: 'Northwind Studio',
      domain: 'northwind.prodtrack.test',
    });
    await createUserWithPassword(db, tx, northwind.id, {
      email: 'admin@northwind.prodtrack.test',
      name: 'Nora Northwind',
      role: 'ADMIN',
      password: demoPassword,
    });
    const [nwTeam] = await tx
      .insert(clientTeams)
      .values({ organizationId: northwind.id, name: 'Harbor Foods', slug: 'harbor-foods' })
      .returning();
    const nwImage = await createPipeline(
      tx,
      northwind.id,
      'Stills',
      'Northwind stills pipeline',
      true,
      IMAGE_PIPELINE.slice(0, 2),
      [],
    );
    await tx.insert(projects).values({
      organizationId: northwind.id,
      projectCode: 'HF-001',
      omgJobNumber: '100231', // the same job number as a Demo Agency project: numbers are per org
      name: 'Harbor Foods Menu Refresh',
      clientTeamId: nwTeam!.id,
      pipelineTemplateId: nwImage.pipeline.id,
    });
  });

  const pw = (p: string) =>
    generated ? `${p}  (generated: set DEMO_PASSWORD to choose)` : '(DEMO_PASSWORD)';
  return {
    seeded: true,
    lines: [
      'Demo data created. Sign in with:',
      `  ${adminEmail.padEnd(34)} ${config.ADMIN_PASSWORD ? '(ADMIN_PASSWORD; you will be asked to change it)' : pw(demoPassword)}`,
      `  ${'producer@demo.prodtrack.test'.padEnd(34)} ${pw(demoPassword)}`,
      `  ${'artist@demo.prodtrack.test'.padEnd(34)} ${pw(demoPassword)}`,
      `  ${'client@demo.prodtrack.test'.padEnd(34)} ${pw(demoPassword)}  (client viewer, Lumen Beauty)`,
      `  ${'admin@northwind.prodtrack.test'.padEnd(34)} ${pw(demoPassword)}  (a second organization)`,
    ],
  };
}
