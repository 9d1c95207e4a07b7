import { useEffect, useState } from 'react';
import { channels } from '../../../../src/contracts/conversations.ts';
import { inboxesApi, teamsApi, usersApi } from '../../api/endpoints.ts';
import { routingApi } from '../../api/routing.ts';
import { segmentsApi } from '../../api/segments.ts';
import type { FilterKey } from './filters.ts';

export type Option = readonly [value: string, text: string];
export type PickLists = Partial<Record<FilterKey, Option[]>>;

const safe = <T,>(p: Promise<T[]>): Promise<T[]> => p.catch(() => []);

/** Choices for the filters, from the existing APIs (a list the user may not read stays empty). */
export function usePickLists(): PickLists & { names: Record<string, string> } {
  const [lists, setLists] = useState<PickLists>({ channel: channels.map((c) => [c, c] as const) });
  useEffect(() => {
    let active = true;
    void Promise.all([
      safe(routingApi.queues({ limit: 200 }).then((l) => l.items.map((q) => [q.id, q.name] as const))),
      safe(teamsApi.list({ limit: 200 }).then((p) => p.items.map((x) => [x.id, x.name] as const))),
      safe(usersApi.list({ limit: 200 }).then((p) => p.items.map((u) => [u.id, u.name] as const))),
      safe(inboxesApi.list().then((p) => p.items.map((i) => [i.id, i.name] as const))),
      safe(segmentsApi.list().then((p) => p.items.map((s) => [s.id, s.name] as const))),
    ]).then(([queueId, teamId, agentId, inboxId, segmentId]) => {
      if (active) setLists((prev) => ({ ...prev, queueId, teamId, agentId, inboxId, segmentId }));
    });
    return () => {
      active = false;
    };
  }, []);
  const names: Record<string, string> = {};
  for (const l of Object.values(lists)) for (const [v, text] of l ?? []) names[v] = text;
  return { ...lists, names };
}
