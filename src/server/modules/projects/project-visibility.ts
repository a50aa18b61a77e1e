import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Caller } from '../../caller';
import { projects } from '../../db/schema';

/**
 * The one place that says which projects a caller may see: their organization's, and for a
 * client viewer only those of their client teams. Every repository query that reaches project
 * data (deliverables, stages, revisions …) joins through this condition.
 */
export function visibleProjects(caller: Caller): SQL {
  const inOrg = eq(projects.organizationId, caller.orgId);
  if (!caller.isExternal) return inOrg;
  if (caller.clientTeamIds.length === 0) return sql`false`;
  return and(inOrg, inArray(projects.clientTeamId, [...caller.clientTeamIds]))!;
}
