import { ScrollArea, Text } from '@mantine/core';
import { useId, useMemo } from 'react';

export interface GraphStage {
  key: string;
  name: string;
  color: string | null;
  isOptional: boolean;
  isCriticalGate: boolean;
  estimatedDays: number | null;
  prerequisites: readonly string[];
}

export interface PipelineGraphViewProps {
  stages: readonly GraphStage[];
  reworks: readonly { from: string; to: string }[];
  /** Stage keys to outline in red (validation problems). */
  highlight?: ReadonlySet<string>;
  /** Called when a stage box is clicked. */
  onStageClick?: (key: string) => void;
}

const BOX_W = 156;
const BOX_H = 48;
const COL_GAP = 64;
const ROW_GAP = 18;
const PAD = 16;
const REWORK_SPACE = 46;

interface Placed {
  stage: GraphStage;
  index: number;
  depth: number;
  row: number;
  colLen: number;
  x: number;
  y: number;
}

/** Rework arcs leave the upper boxes of a column over the top, the others underneath. */
function arcAbove(from: Placed): boolean {
  return from.colLen > 1 && from.row < (from.colLen - 1) / 2;
}

/** Longest prerequisite chain above each stage (cycles are cut where they are met). */
function depths(stages: readonly GraphStage[]): Map<string, number> {
  const byKey = new Map(stages.map((s) => [s.key, s]));
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (key: string): number => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    visiting.add(key);
    let d = 0;
    for (const p of byKey.get(key)?.prerequisites ?? []) {
      if (p !== key && byKey.has(p)) d = Math.max(d, depthOf(p) + 1);
    }
    visiting.delete(key);
    memo.set(key, d);
    return d;
  };
  for (const s of stages) depthOf(s.key);
  return memo;
}

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/**
 * The dependency graph of a pipeline: stages as boxes in columns by depth, solid arrows from
 * each prerequisite to the stage that waits for it, dashed arrows for rework paths.
 */
export function PipelineGraphView({
  stages,
  reworks,
  highlight,
  onStageClick,
}: PipelineGraphViewProps) {
  const uid = useId().replace(/:/g, '');
  const layout = useMemo(() => {
    const d = depths(stages);
    const columns = new Map<number, Placed[]>();
    stages.forEach((stage, index) => {
      const depth = d.get(stage.key) ?? 0;
      const col = columns.get(depth) ?? [];
      col.push({ stage, index, depth, row: 0, colLen: 0, x: 0, y: 0 });
      columns.set(depth, col);
    });
    const maxRows = Math.max(1, ...[...columns.values()].map((c) => c.length));
    const colCount = Math.max(1, columns.size ? Math.max(...columns.keys()) + 1 : 1);
    const innerH = maxRows * BOX_H + (maxRows - 1) * ROW_GAP;
    for (const col of columns.values()) {
      col.forEach((p, row) => {
        p.row = row;
        p.colLen = col.length;
      });
    }
    const byKey = new Map(stages.map((s) => [s.key, s]));
    const reworkFrom = reworks
      .map((r) => [...columns.values()].flat().find((p) => p.stage.key === r.from))
      .filter((p): p is Placed => !!p && byKey.has(p.stage.key));
    const anyAbove = reworkFrom.some(arcAbove);
    const anyBelow = reworkFrom.some((p) => !arcAbove(p));
    const innerTop = PAD + (anyAbove ? REWORK_SPACE : 0);
    const placed = new Map<string, Placed>();
    for (const [depth, col] of columns) {
      const colH = col.length * BOX_H + (col.length - 1) * ROW_GAP;
      const top = innerTop + (innerH - colH) / 2;
      col.forEach((p, row) => {
        p.x = PAD + depth * (BOX_W + COL_GAP);
        p.y = top + row * (BOX_H + ROW_GAP);
        placed.set(p.stage.key, p);
      });
    }
    const width = PAD * 2 + colCount * BOX_W + (colCount - 1) * COL_GAP;
    const height = innerTop + innerH + PAD + (anyBelow ? REWORK_SPACE : 0);
    return { placed, width, height, innerTop, innerBottom: innerTop + innerH };
  }, [stages, reworks]);

  if (stages.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="md" ta="center">
        Add stages to see the graph.
      </Text>
    );
  }

  const prereqEdges: { from: Placed; to: Placed; key: string }[] = [];
  for (const s of stages) {
    const to = layout.placed.get(s.key);
    for (const p of s.prerequisites) {
      const from = layout.placed.get(p);
      if (from && to && from !== to) prereqEdges.push({ from, to, key: `${p}>${s.key}` });
    }
  }

  return (
    <ScrollArea type="auto" offsetScrollbars>
      <svg
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label="Stage dependency graph"
        data-testid="pipeline-graph"
        style={{ display: 'block', fontFamily: 'var(--mantine-font-family)' }}
      >
        <defs>
          <marker
            id={`arrow-${uid}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--mantine-color-gray-6)" />
          </marker>
          <marker
            id={`rework-${uid}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--mantine-color-orange-6)" />
          </marker>
        </defs>

        {prereqEdges.map(({ from, to, key }) => {
          const x1 = from.x + BOX_W;
          const y1 = from.y + BOX_H / 2;
          const x2 = to.x;
          const y2 = to.y + BOX_H / 2;
          // A prerequisite that sits in a later column only happens inside a cycle: loop over.
          const backwards = x2 <= x1;
          const dx = backwards ? 60 : Math.max(24, (x2 - x1) / 2);
          const lift = backwards ? 50 : 0;
          return (
            <path
              key={key}
              d={`M ${x1} ${y1} C ${x1 + dx} ${y1 - lift}, ${x2 - dx} ${y2 - lift}, ${x2 - 2} ${y2}`}
              fill="none"
              stroke={backwards ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-5)'}
              strokeWidth={1.5}
              markerEnd={`url(#arrow-${uid})`}
              data-edge="prerequisite"
            />
          );
        })}

        {reworks.map((r, i) => {
          const from = layout.placed.get(r.from);
          const to = layout.placed.get(r.to);
          if (!from || !to || from === to) return null;
          const above = arcAbove(from);
          const x1 = from.x + BOX_W / 2 + 10;
          const x2 = to.x + BOX_W / 2 - 10;
          const y1 = above ? from.y : from.y + BOX_H;
          const y2 = above ? to.y : to.y + BOX_H;
          const spread = (i % 3) * 9;
          const dip = above ? layout.innerTop - 16 - spread : layout.innerBottom + 16 + spread;
          const end = above ? y2 - 2 : y2 + 2;
          return (
            <path
              key={`${r.from}>${r.to}>${i}`}
              d={`M ${x1} ${y1} C ${x1} ${dip}, ${x2} ${dip}, ${x2} ${end}`}
              fill="none"
              stroke="var(--mantine-color-orange-6)"
              strokeWidth={1.5}
              strokeDasharray="5 4"
              markerEnd={`url(#rework-${uid})`}
              data-edge="rework"
            >
              <title>
                Rework: {from.stage.name} → {to.stage.name}
              </title>
            </path>
          );
        })}

        {[...layout.placed.values()].map((p) => {
          const bad = highlight?.has(p.stage.key) ?? false;
          const color = p.stage.color || '#868e96';
          const meta = [
            p.stage.estimatedDays !== null ? `${p.stage.estimatedDays} d` : null,
            p.stage.isOptional ? 'optional' : null,
            p.stage.isCriticalGate ? 'gate' : null,
          ]
            .filter(Boolean)
            .join(' · ');
          return (
            <g
              key={p.stage.key}
              transform={`translate(${p.x} ${p.y})`}
              style={{ cursor: onStageClick ? 'pointer' : undefined }}
              onClick={onStageClick ? () => onStageClick(p.stage.key) : undefined}
              data-testid={`graph-node-${p.index}`}
            >
              <title>{p.stage.name}</title>
              <rect
                width={BOX_W}
                height={BOX_H}
                rx={6}
                fill="var(--mantine-color-body)"
                stroke={bad ? 'var(--mantine-color-red-6)' : color}
                strokeWidth={bad ? 2.5 : p.stage.isCriticalGate ? 2.5 : 1.5}
                strokeDasharray={p.stage.isOptional ? '5 3' : undefined}
              />
              <rect width={6} height={BOX_H} rx={3} fill={color} />
              <text
                x={14}
                y={meta ? 20 : 29}
                fontSize={12.5}
                fontWeight={600}
                fill="var(--mantine-color-text)"
              >
                {truncate(p.stage.name, 19)}
              </text>
              {meta ? (
                <text x={14} y={36} fontSize={10.5} fill="var(--mantine-color-dimmed)">
                  {meta}
                </text>
              ) : null}
              {p.stage.isCriticalGate ? (
                <path
                  d={`M ${BOX_W - 16} 7 l 6 3 v 4 c 0 4 -3 6 -6 7 c -3 -1 -6 -3 -6 -7 v -4 z`}
                  fill="var(--mantine-color-red-6)"
                />
              ) : null}
            </g>
          );
        })}
      </svg>
    </ScrollArea>
  );
}
