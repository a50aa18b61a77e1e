import { useMemo } from 'react';
import { Permission } from '../../lib/permissions';
import { hasPermission, useMe } from '../me/queries';
import { useClientTeams } from './queries';

/**
 * Client teams to choose from. The full list needs CLIENT_TEAM_MANAGE; without it, the teams
 * seen on loaded rows (`known`) are offered instead.
 */
export function useClientTeamOptions(known: readonly ({ id: string; name: string } | null)[] = []) {
  const me = useMe();
  const canList = hasPermission(me, Permission.CLIENT_TEAM_MANAGE);
  const teams = useClientTeams({ enabled: canList });
  return useMemo(() => {
    const map = new Map<string, string>();
    for (const t of teams.data?.items ?? []) map.set(t.id, t.name);
    for (const t of known) if (t && !map.has(t.id)) map.set(t.id, t.name);
    return [...map]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [teams.data, known]);
}
