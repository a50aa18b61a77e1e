import { describe, expect, it } from 'vitest';
import {
  findCycle,
  topologicalOrder,
  transitiveDependents,
  validatePipelineGraph,
  type StageNode,
} from '../../src/domain/pipeline-graph';

const stage = (key: string, order: number, prerequisites: string[] = []): StageNode => ({
  key,
  name: key[0]!.toUpperCase() + key.slice(1),
  slug: key,
  order,
  prerequisites,
});

const pipeline = [
  stage('brief', 0),
  stage('creative', 1, ['brief']),
  stage('retouch', 2, ['creative']),
  stage('approval', 3, ['creative']),
  stage('delivery', 4, ['approval', 'retouch']),
];

describe('pipeline graph', () => {
  it('accepts a valid DAG with backward rework paths', () => {
    expect(validatePipelineGraph(pipeline, [{ from: 'approval', to: 'creative' }])).toEqual([]);
  });

  it('names the stages of a cycle', () => {
    const cyclic = [stage('a', 0, ['c']), stage('b', 1, ['a']), stage('c', 2, ['b'])];
    const problems = validatePipelineGraph(cyclic, []);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('CYCLE');
    expect(problems[0]!.message).toMatch(/A → C → B → A|A → B → C → A|cycle/);
    expect(new Set(problems[0]!.stages)).toEqual(new Set(['a', 'b', 'c']));
    expect(findCycle(pipeline)).toBeNull();
  });

  it('refuses a rework path that points forward', () => {
    const problems = validatePipelineGraph(pipeline, [{ from: 'creative', to: 'approval' }]);
    expect(problems.map((p) => p.code)).toEqual(['REWORK_FORWARD']);
    expect(problems[0]!.message).toBe(
      'Rework from Creative must go back to an earlier stage, not forward to Approval',
    );
  });

  it('refuses duplicate slugs, self references and unknown stages', () => {
    const bad = [stage('a', 0), { ...stage('b', 1, ['b', 'zzz']), slug: 'a' }];
    const codes = validatePipelineGraph(bad, [{ from: 'a', to: 'a' }])
      .map((p) => p.code)
      .sort();
    expect(codes).toEqual(['DUPLICATE_SLUG', 'SELF_REFERENCE', 'SELF_REFERENCE', 'UNKNOWN_STAGE']);
  });

  it('finds dependents transitively and orders topologically', () => {
    expect(transitiveDependents(pipeline, 'creative')).toEqual(
      new Set(['retouch', 'approval', 'delivery']),
    );
    expect(topologicalOrder(pipeline)).toEqual([
      'brief',
      'creative',
      'retouch',
      'approval',
      'delivery',
    ]);
  });
});
