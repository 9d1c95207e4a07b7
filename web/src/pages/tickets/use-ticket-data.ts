import { useCallback, useEffect, useState } from 'react';
import type { Team } from '../../../../src/contracts/users.ts';
import { teamsApi } from '../../api/endpoints.ts';
import { ticketsApi, type TicketField, type TicketMacro } from '../../api/tickets.ts';
import { useAuth } from '../../auth/auth-context.tsx';

/** The workspace's teams (first 200); empty without teams.read. */
export function useTeams(): Team[] {
  const { can } = useAuth();
  const allowed = can('teams.read');
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => {
    if (!allowed) return;
    let active = true;
    teamsApi.list({ limit: 200 }).then((p) => active && setTeams(p.items), () => undefined);
    return () => {
      active = false;
    };
  }, [allowed]);
  return teams;
}

/** The custom ticket field definitions. */
export function useTicketFields(): TicketField[] {
  const [fields, setFields] = useState<TicketField[]>([]);
  useEffect(() => {
    let active = true;
    ticketsApi.fields().then((p) => active && setFields(p.items), () => undefined);
    return () => {
      active = false;
    };
  }, []);
  return fields;
}

/** The macros the user may apply; `reload` after a change. */
export function useMacros(): { macros: TicketMacro[]; reload: () => void } {
  const [macros, setMacros] = useState<TicketMacro[]>([]);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let active = true;
    ticketsApi.macros().then((p) => active && setMacros(p.items), () => undefined);
    return () => {
      active = false;
    };
  }, [generation]);
  return { macros, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}
