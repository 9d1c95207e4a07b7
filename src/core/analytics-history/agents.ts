import { AppError } from '../errors.ts';
import { localToInstant, type LocalParts } from './calendar.ts';
import type { Rng } from './random.ts';
import type { HistoryAgent, HistoryQueue } from './types.ts';

/**
 * Agents in generated history (pure): who works when (shifts in the tenant's local time, a few
 * days off) and what each agent holds. An agent has three slots: a chat-kind task takes one, any
 * other task (call, email, messaging) takes all three. A slot is free from `freeAt` on and every
 * booking starts at or after it, so one agent never holds more than three chats, or more than
 * one other task, at any instant.
 */

export const SLOTS = 3;

/** Local shift hours [start, end) by agent, most cover the morning peak; weekend shifts are 9 to 17. */
const patterns: [number, number][] = [[8, 16], [9, 17], [10, 18], [7, 15], [12, 20], [9, 17], [14, 22], [8, 16]];

export interface AgentState {
  agent: HistoryAgent;
  index: number;
  slots: number[];
  /** Shift instants [start, end) by day index; null = not working that day. */
  shifts: Map<number, [number, number] | null>;
  /** Handling time booked so far (ms), for tie breaks. */
  busyMs: number;
}

export function createAgents(agents: readonly HistoryAgent[]): AgentState[] {
  return agents.map((agent, index) => ({ agent, index, slots: Array.from({ length: SLOTS }, () => 0), shifts: new Map(), busyMs: 0 }));
}

/** Plans every agent's shift for one local day (call once per day, in order). */
export function planShifts(states: readonly AgentState[], dayIndex: number, p: LocalParts, timeZone: string, rng: Rng): void {
  const weekend = p.dow >= 5;
  const at = (h: number) => localToInstant(p.year, p.month, p.day, h, 0, timeZone);
  const spans = (weekend ? [[9, 17] as [number, number]] : patterns).map(([h0, h1]) => [at(h0), at(h1)] as [number, number]);
  for (const s of states) {
    // Everyone works weekdays; about a third of the agents, in rotation, on each weekend day.
    const works = weekend ? (s.index + dayIndex) % 3 === 0 : true;
    if (!works || rng.chance(0.06)) {
      s.shifts.set(dayIndex, null);
      continue;
    }
    s.shifts.set(dayIndex, weekend ? spans[0]! : spans[s.index % patterns.length]!);
  }
}

/** The first instant ≥ t the agent is on shift (a shift may be started, not necessarily finished); null if none is planned. */
export function onShiftFrom(s: AgentState, t: number, fromDay: number): number | null {
  for (let d = fromDay; d <= fromDay + 14; d++) {
    if (!s.shifts.has(d)) return null;
    const sh = s.shifts.get(d);
    if (!sh) continue;
    if (t < sh[0]) return sh[0];
    if (t < sh[1]) return t;
  }
  return null;
}

export function serves(q: HistoryQueue, a: AgentState): boolean {
  return q.teamIds.length === 0 || a.agent.teamIds.some((t) => q.teamIds.includes(t));
}

const isChatKind = (kind: string) => kind === 'chat';

/** When this agent could start a task of `kind` that is ready at `t`; null when never (within the planned days). */
export function earliestStart(s: AgentState, kind: string, t: number, fromDay: number): number | null {
  const free = isChatKind(kind) ? Math.min(...s.slots) : Math.max(...s.slots);
  return onShiftFrom(s, Math.max(t, free), fromDay);
}

/**
 * The agent (of those given) who can start first, and when; ties go to the least busy. Chats are
 * packed: of the agents free for a chat right away, the one already holding the most chats gets
 * it, so the others stay free for calls and emails (which need an agent with no chat at all).
 */
export function chooseAgent(candidates: readonly AgentState[], kind: string, t: number, fromDay: number, rng: Rng): { state: AgentState; start: number } | null {
  let best: { state: AgentState; start: number } | null = null;
  let bestHeld = -1;
  for (const s of candidates) {
    const start = earliestStart(s, kind, t, fromDay);
    if (start === null) continue;
    const held = isChatKind(kind) && start === t ? s.slots.filter((f) => f > t).length : 0;
    const better = !best || start < best.start || (start === best.start && (held > bestHeld || (held === bestHeld && (s.busyMs < best.state.busyMs || (s.busyMs === best.state.busyMs && rng.chance(0.5))))));
    if (better) {
      best = { state: s, start };
      bestHeld = held;
    }
  }
  return best;
}

/** Books [start, end) on the agent: one slot for a chat, every slot for anything else. */
export function book(s: AgentState, kind: string, start: number, end: number): void {
  if (isChatKind(kind)) {
    let i = 0;
    for (let k = 1; k < s.slots.length; k++) if (s.slots[k]! < s.slots[i]!) i = k;
    if (s.slots[i]! > start) throw new AppError('internal', 'history generator: a chat was booked before the agent had a free slot');
    s.slots[i] = end;
  } else {
    for (let k = 0; k < s.slots.length; k++) {
      if (s.slots[k]! > start) throw new AppError('internal', 'history generator: a task was booked before the agent was free');
      s.slots[k] = end;
    }
  }
  s.busyMs += end - start;
}
