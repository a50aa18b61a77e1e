/**
 * Pipeline templates as graphs: prerequisites must form a DAG, rework paths must point back
 * to an earlier stage, slugs are unique. Pure functions shared by the server (validation on
 * save) and the web (the editor's live feedback).
 */
export interface StageNode {
  /** Any stable key: a definition id, or a client-side key before saving. */
  key: string;
  name: string;
  slug: string;
  order: number;
  prerequisites: readonly string[];
  isCriticalGate?: boolean;
  isOptional?: boolean;
}

export interface ReworkEdge {
  from: string;
  to: string;
}

export interface GraphProblem {
  code:
    | 'DUPLICATE_SLUG'
    | 'UNKNOWN_STAGE'
    | 'CYCLE'
    | 'REWORK_FORWARD'
    | 'SELF_REFERENCE'
    | 'DUPLICATE_ORDER';
  message: string;
  stages: string[];
}

export function validatePipelineGraph(
  stages: readonly StageNode[],
  reworks: readonly ReworkEdge[],
): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const byKey = new Map(stages.map((s) => [s.key, s]));
  const nameOf = (key: string) => byKey.get(key)?.name ?? key;

  const slugs = new Map<string, StageNode[]>();
  for (const s of stages) slugs.set(s.slug, [...(slugs.get(s.slug) ?? []), s]);
  for (const [slug, list] of slugs) {
    if (list.length > 1) {
      problems.push({
        code: 'DUPLICATE_SLUG',
        message: `${list.map((s) => s.name).join(' and ')} share the slug "${slug}"`,
        stages: list.map((s) => s.key),
      });
    }
  }
  const orders = new Map<number, StageNode[]>();
  for (const s of stages) orders.set(s.order, [...(orders.get(s.order) ?? []), s]);
  for (const list of orders.values()) {
    if (list.length > 1) {
      problems.push({
        code: 'DUPLICATE_ORDER',
        message: `${list.map((s) => s.name).join(' and ')} have the same position`,
        stages: list.map((s) => s.key),
      });
    }
  }

  for (const s of stages) {
    for (const p of s.prerequisites) {
      if (p === s.key) {
        problems.push({
          code: 'SELF_REFERENCE',
          message: `${s.name} cannot depend on itself`,
          stages: [s.key],
        });
      } else if (!byKey.has(p)) {
        problems.push({
          code: 'UNKNOWN_STAGE',
          message: `${s.name} depends on an unknown stage`,
          stages: [s.key],
        });
      }
    }
  }

  const cycle = findCycle(stages);
  if (cycle) {
    problems.push({
      code: 'CYCLE',
      message: `Prerequisites form a cycle: ${[...cycle, cycle[0]!].map(nameOf).join(' → ')}`,
      stages: cycle,
    });
  }

  for (const r of reworks) {
    const from = byKey.get(r.from);
    const to = byKey.get(r.to);
    if (!from || !to) {
      problems.push({
        code: 'UNKNOWN_STAGE',
        message: 'A rework path names an unknown stage',
        stages: [r.from, r.to],
      });
    } else if (from.key === to.key) {
      problems.push({
        code: 'SELF_REFERENCE',
        message: `${from.name} cannot send work back to itself`,
        stages: [from.key],
      });
    } else if (to.order >= from.order || dependsOn(stages, to.key, from.key)) {
      problems.push({
        code: 'REWORK_FORWARD',
        message: `Rework from ${from.name} must go back to an earlier stage, not forward to ${to.name}`,
        stages: [from.key, to.key],
      });
    }
  }
  return problems;
}

/** A cycle in the prerequisite graph as a list of stage keys, or null. */
export function findCycle(stages: readonly StageNode[]): string[] | null {
  const byKey = new Map(stages.map((s) => [s.key, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): string[] | null => {
    const st = state.get(key);
    if (st === 'done') return null;
    if (st === 'visiting') return stack.slice(stack.indexOf(key));
    state.set(key, 'visiting');
    stack.push(key);
    for (const p of byKey.get(key)?.prerequisites ?? []) {
      if (!byKey.has(p) || p === key) continue;
      const found = visit(p);
      if (found) return found;
    }
    stack.pop();
    state.set(key, 'done');
    return null;
  };
  for (const s of [...stages].sort((a, b) => a.order - b.order)) {
    const found = visit(s.key);
    if (found) return found;
  }
  return null;
}

/** Whether `stage` depends on `ancestor`, directly or through other stages. */
export function dependsOn(stages: readonly StageNode[], stage: string, ancestor: string): boolean {
  return transitivePrerequisites(stages, stage).has(ancestor);
}

export function transitivePrerequisites(stages: readonly StageNode[], stage: string): Set<string> {
  const byKey = new Map(stages.map((s) => [s.key, s]));
  const seen = new Set<string>();
  const queue = [...(byKey.get(stage)?.prerequisites ?? [])];
  while (queue.length) {
    const k = queue.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    queue.push(...(byKey.get(k)?.prerequisites ?? []));
  }
  return seen;
}

/** Every stage that depends on `stage`, directly or not. */
export function transitiveDependents(stages: readonly StageNode[], stage: string): Set<string> {
  const out = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of stages) {
      if (out.has(s.key)) continue;
      if (s.prerequisites.some((p) => p === stage || out.has(p))) {
        out.add(s.key);
        changed = true;
      }
    }
  }
  return out;
}

/** Stages in an order that respects prerequisites (ties broken by position). */
export function topologicalOrder(stages: readonly StageNode[]): string[] {
  const remaining = new Map(stages.map((s) => [s.key, new Set(s.prerequisites)]));
  const out: string[] = [];
  const sorted = [...stages].sort((a, b) => a.order - b.order);
  while (remaining.size) {
    const next = sorted.find(
      (s) => remaining.has(s.key) && [...remaining.get(s.key)!].every((p) => !remaining.has(p)),
    );
    if (!next) throw new Error('Prerequisites form a cycle');
    out.push(next.key);
    remaining.delete(next.key);
  }
  return out;
}
