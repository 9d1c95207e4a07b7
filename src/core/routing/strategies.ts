/**
 * Choosing the agent for one task among its group's free agents, by the queue's strategy, with
 * the sticky preference tried first; and the 'considered' trace entry that says why. Only the
 * free set is scanned; verdicts are built for a capped list (the best few plus a few who were not
 * free), everything else is summed up in counts.
 */
import { blockReason, load, type AgentRec, type Group, type TaskRec, type Usage } from './engine-model.ts';
import type { CandidateVerdict, Strategy, TraceEntry } from './types.ts';

export interface SelectContext {
  now: number;
  traceCandidates: number;
  usageOf(id: string): Usage;
  agentById(id: string): AgentRec | undefined;
  poolCount(g: Group): number;
}

export interface Selection {
  agent: AgentRec | null;
  sticky: boolean;
  trace: TraceEntry;
}

const strategyWords: Record<Strategy, string> = {
  longest_idle: 'longest idle',
  most_skilled: 'most skilled',
  round_robin: 'round robin',
  least_busy: 'least busy',
};

interface Scored {
  ag: AgentRec;
  rank: number;
  shown: number;
}

function better(x: Scored, y: Scored): boolean {
  if (x.rank !== y.rank) return x.rank < y.rank;
  if (x.ag.a.idleSince !== y.ag.a.idleSince) return x.ag.a.idleSince < y.ag.a.idleSince;
  return x.ag.ord < y.ag.ord;
}

function score(strategy: Strategy, g: Group, ag: AgentRec, ctx: SelectContext): Scored {
  switch (strategy) {
    case 'longest_idle':
      return { ag, rank: ag.a.idleSince, shown: Math.max(0, ctx.now - ag.a.idleSince) };
    case 'most_skilled': {
      const s = g.target ? g.target.skillScore(ag.a) : 0;
      return { ag, rank: -s, shown: s };
    }
    case 'round_robin': {
      const d = ag.ord > g.queue.rrCursor ? ag.ord - g.queue.rrCursor : ag.ord - g.queue.rrCursor + 1e9;
      return { ag, rank: d, shown: d };
    }
    case 'least_busy': {
      const l = load(ag.a, ctx.usageOf(ag.a.id));
      return { ag, rank: l, shown: Math.round(l * 1000) / 1000 };
    }
  }
}

/** Pick the agent for a task of group g (null when none is eligible) with a 'considered' trace. */
export function selectAgent(g: Group, task: TaskRec, ctx: SelectContext): Selection {
  const q = g.queue.q;
  const k = Math.max(1, ctx.traceCandidates);
  const top: Scored[] = [];
  let eligible = 0;
  let declined = 0;
  let sticky: AgentRec | null = null;
  const last = task.t.lastAgent;
  if (q.stickyMs > 0 && last && ctx.now - last.at <= q.stickyMs) {
    const ag = ctx.agentById(last.userId);
    if (ag && g.free.has(ag) && !task.declined.has(ag.a.id)) sticky = ag;
  }
  for (const ag of g.free) {
    if (task.declined.has(ag.a.id)) {
      declined++;
      continue;
    }
    eligible++;
    const s = score(q.strategy, g, ag, ctx);
    if (top.length < k || better(s, top[top.length - 1] as Scored)) {
      let i = top.length;
      while (i > 0 && better(s, top[i - 1] as Scored)) i--;
      top.splice(i, 0, s);
      if (top.length > k) top.pop();
    }
  }
  const chosen: AgentRec | null = sticky ?? top[0]?.ag ?? null;
  const candidates: CandidateVerdict[] = [];
  if (sticky) candidates.push({ userId: sticky.a.id, chosen: true, reason: 'chosen' });
  for (const s of top) {
    if (candidates.length >= k) break;
    if (s.ag === sticky) continue;
    candidates.push({ userId: s.ag.a.id, chosen: s.ag === chosen, reason: s.ag === chosen ? 'chosen' : 'outranked', score: s.shown });
  }
  // A few of those who could not take it, with why (looked at briefly, never the whole group).
  if (candidates.length < k) {
    let looked = 0;
    for (const ag of g.members) {
      if (candidates.length >= k || looked++ > k * 4) break;
      if (g.free.has(ag)) {
        if (task.declined.has(ag.a.id)) candidates.push({ userId: ag.a.id, chosen: false, reason: 'declined' });
        continue;
      }
      candidates.push({ userId: ag.a.id, chosen: false, reason: blockReason(ag.a, ctx.usageOf(ag.a.id), g.channel, ctx.now) ?? 'outranked' });
    }
  }
  const pool = Math.max(ctx.poolCount(g), g.members.size);
  const unavailable = g.members.size - g.free.size;
  const lack = pool - g.members.size;
  let message = `${pool} agents considered: ${eligible} eligible, ${unavailable} busy or unavailable, ${lack} lack skills`;
  if (declined) message += `, ${declined} declined it before`;
  if (chosen) {
    message += sticky ? `; chose ${chosen.a.name}, the customer's last agent (sticky).` : `; chose ${chosen.a.name} by ${strategyWords[q.strategy]}.`;
  } else message += '; nobody can take it now, it waits in line.';
  if (chosen && q.strategy === 'round_robin') g.queue.rrCursor = chosen.ord;
  return {
    agent: chosen,
    sticky: Boolean(sticky),
    trace: { at: ctx.now, step: 'considered', message, queueId: q.id, targetIndex: task.t.targetIndex, candidates },
  };
}
