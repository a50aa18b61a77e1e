/**
 * The pipeline editor's working copy: stages and rework paths as the person edits them, the
 * live problems (shared graph rules from src/domain plus form checks), and the save body.
 */
import { normalizeFilenamePattern } from '../../../domain/filename-matcher';
import { validatePipelineGraph, type StageNode } from '../../../domain/pipeline-graph';
import { SLUG_PATTERN, slugify } from '../../../domain/slug';
import type { ApprovalType } from '../stages/status';
import type { PipelineDetail, PipelineInput } from './types';

export interface DraftStage {
  /** Stage id for saved stages, a client-made key for new ones. */
  key: string;
  isNew: boolean;
  name: string;
  /** Empty = derived from the name. */
  slug: string;
  /** `#rrggbb` or empty. */
  color: string;
  estimatedDays: number | null;
  approvalType: ApprovalType;
  isOptional: boolean;
  isCriticalGate: boolean;
  description: string;
  customStatuses: string[];
  /** Keys of other draft stages. */
  prerequisites: string[];
}

export interface DraftRework {
  /** Local row id. */
  id: string;
  from: string;
  to: string;
}

export interface PipelineDraft {
  name: string;
  description: string;
  isDefault: boolean;
  /** The inbound naming rule; blank = the default pattern. */
  inboundFilenameRegex: string;
  stages: DraftStage[];
  reworks: DraftRework[];
}

export interface DraftProblem {
  message: string;
  /** Keys of the stages concerned (highlighted in the list and the graph). */
  stages: string[];
}

export const STAGE_COLORS = [
  '#868e96',
  '#4c6ef5',
  '#228be6',
  '#15aabf',
  '#12b886',
  '#37b24d',
  '#82c91e',
  '#fab005',
  '#f59f00',
  '#fd7e14',
  '#fa5252',
  '#e64980',
  '#be4bdb',
  '#7950f2',
];

let seq = 0;
export function newKey(prefix = 'new'): string {
  seq += 1;
  return `${prefix}-${Date.now().toString(36)}-${seq}`;
}

export function effectiveSlug(stage: Pick<DraftStage, 'slug' | 'name'>): string {
  const typed = stage.slug
    .trim()
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return typed || slugify(stage.name);
}

export function stageLabel(stage: Pick<DraftStage, 'name'>, index: number): string {
  return stage.name.trim() || `Stage ${index + 1}`;
}

export function newStage(previous: DraftStage | undefined, index: number): DraftStage {
  return {
    key: newKey('stage'),
    isNew: true,
    name: '',
    slug: '',
    color: STAGE_COLORS[index % STAGE_COLORS.length] ?? '',
    estimatedDays: null,
    approvalType: 'NONE',
    isOptional: false,
    isCriticalGate: false,
    description: '',
    customStatuses: [],
    // Pipelines are mostly linear: a new stage follows the last one unless told otherwise.
    prerequisites: previous ? [previous.key] : [],
  };
}

export function emptyDraft(): PipelineDraft {
  const first = newStage(undefined, 0);
  return {
    name: '',
    description: '',
    isDefault: false,
    inboundFilenameRegex: '',
    stages: [first],
    reworks: [],
  };
}

export function draftFromPipeline(p: PipelineDetail): PipelineDraft {
  const stages = [...p.stages].sort((a, b) => a.order - b.order);
  return {
    name: p.name,
    description: p.description ?? '',
    isDefault: p.isDefault,
    inboundFilenameRegex: p.inboundFilenameRegex ?? '',
    stages: stages.map((s) => ({
      key: s.id,
      isNew: false,
      name: s.name,
      slug: s.slug,
      color: s.color ?? '',
      estimatedDays: s.estimatedDays,
      approvalType: s.approvalType,
      isOptional: s.isOptional,
      isCriticalGate: s.isCriticalGate,
      description: s.description ?? '',
      customStatuses: [...s.customStatuses],
      prerequisites: [...s.prerequisites],
    })),
    reworks: p.reworks.map((r) => ({
      id: `${r.fromStageId}>${r.toStageId}`,
      from: r.fromStageId,
      to: r.toStageId,
    })),
  };
}

/** A copy of an existing pipeline as a new draft (fresh keys). */
export function duplicateDraft(p: PipelineDetail): PipelineDraft {
  const base = draftFromPipeline(p);
  const keys = new Map(base.stages.map((s) => [s.key, newKey('stage')]));
  const k = (key: string) => keys.get(key) ?? key;
  return {
    name: `${p.name} (copy)`,
    description: base.description,
    isDefault: false,
    inboundFilenameRegex: base.inboundFilenameRegex,
    stages: base.stages.map((s) => ({
      ...s,
      key: k(s.key),
      isNew: true,
      prerequisites: s.prerequisites.map(k),
    })),
    reworks: base.reworks.map((r) => ({ id: newKey('rw'), from: k(r.from), to: k(r.to) })),
  };
}

export function graphNodes(stages: readonly DraftStage[]): StageNode[] {
  return stages.map((s, i) => ({
    key: s.key,
    name: stageLabel(s, i),
    slug: effectiveSlug(s),
    order: i,
    prerequisites: s.prerequisites,
    isCriticalGate: s.isCriticalGate,
    isOptional: s.isOptional,
  }));
}

/** Every problem that would stop the save, worded for the producer. */
export function draftProblems(draft: PipelineDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!draft.name.trim()) problems.push({ message: 'The pipeline needs a name', stages: [] });
  if (draft.name.trim().length > 120) {
    problems.push({ message: 'The pipeline name is longer than 120 characters', stages: [] });
  }
  if (draft.stages.length > 40) {
    problems.push({ message: 'A pipeline has at most 40 stages', stages: [] });
  }
  if (draft.stages.length === 0) {
    problems.push({ message: 'A pipeline needs at least one stage', stages: [] });
  }
  draft.stages.forEach((s, i) => {
    if (!s.name.trim()) {
      problems.push({ message: `Stage ${i + 1} needs a name`, stages: [s.key] });
      return;
    }
    const slug = effectiveSlug(s);
    if (!slug) {
      problems.push({
        message: `${s.name} needs a slug (letters or digits)`,
        stages: [s.key],
      });
    } else if (!SLUG_PATTERN.test(slug)) {
      problems.push({
        message: `The slug of ${s.name} may only hold lower-case letters, digits and single hyphens`,
        stages: [s.key],
      });
    }
    if (s.name.trim().length > 100) {
      problems.push({
        message: `Stage ${i + 1}: the name is longer than 100 characters`,
        stages: [s.key],
      });
    }
    if (s.customStatuses.some((c) => c.trim().length > 60)) {
      problems.push({
        message: `${s.name}: sub-statuses are limited to 60 characters`,
        stages: [s.key],
      });
    }
    if (s.estimatedDays !== null && (s.estimatedDays < 0 || s.estimatedDays > 365)) {
      problems.push({
        message: `${s.name}: estimated days must be between 0 and 365`,
        stages: [s.key],
      });
    }
  });
  const seen = new Set<string>();
  const byKey = new Map(draft.stages.map((s, i) => [s.key, stageLabel(s, i)]));
  for (const r of draft.reworks) {
    if (!r.from || !r.to) {
      problems.push({ message: 'Choose both stages of every rework path', stages: [] });
      continue;
    }
    const id = `${r.from}>${r.to}`;
    if (seen.has(id)) {
      problems.push({
        message: `The rework path ${byKey.get(r.from)} → ${byKey.get(r.to)} is listed twice`,
        stages: [r.from, r.to],
      });
    }
    seen.add(id);
  }
  const graph = validatePipelineGraph(
    graphNodes(draft.stages),
    draft.reworks.filter((r) => r.from && r.to).map((r) => ({ from: r.from, to: r.to })),
  );
  for (const p of graph) problems.push({ message: p.message, stages: p.stages });
  return problems;
}

export function draftToInput(draft: PipelineDraft): PipelineInput {
  const description = draft.description.trim();
  return {
    name: draft.name.trim(),
    description: description || null,
    isDefault: draft.isDefault,
    inboundFilenameRegex: normalizeFilenamePattern(draft.inboundFilenameRegex),
    stages: draft.stages.map((s) => ({
      key: s.key,
      name: s.name.trim(),
      slug: effectiveSlug(s),
      color: s.color || null,
      estimatedDays: s.estimatedDays,
      approvalType: s.approvalType,
      isOptional: s.isOptional,
      isCriticalGate: s.isCriticalGate,
      description: s.description.trim() || null,
      customStatuses: s.customStatuses.map((c) => c.trim()).filter(Boolean),
      prerequisites: s.prerequisites,
    })),
    reworks: draft.reworks.map((r) => ({ from: r.from, to: r.to })),
  };
}

/** Moves a stage; prerequisites and rework paths follow their stages by key. */
export function moveStage(stages: DraftStage[], from: number, to: number): DraftStage[] {
  if (from === to || from < 0 || to < 0 || from >= stages.length || to >= stages.length) {
    return stages;
  }
  const next = [...stages];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** Removes a stage and every reference to it. */
export function removeStage(draft: PipelineDraft, key: string): PipelineDraft {
  return {
    ...draft,
    stages: draft.stages
      .filter((s) => s.key !== key)
      .map((s) => ({ ...s, prerequisites: s.prerequisites.filter((p) => p !== key) })),
    reworks: draft.reworks.filter((r) => r.from !== key && r.to !== key),
  };
}
