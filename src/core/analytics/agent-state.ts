/** When an agent entered the state the wallboard shows (pure; `now` passed in). */
export function stateSince(
  a: { activity: 'available' | 'on_task' | 'wrap_up' | 'away' | 'offline'; presenceSince: number; idleSince: number },
  tasks: readonly { status: 'offered' | 'assigned' | 'wrap_up'; since: number }[],
  now: number,
): number {
  let at = a.presenceSince;
  if (a.activity === 'available') at = Math.max(a.presenceSince, a.idleSince);
  else if (a.activity === 'on_task' || a.activity === 'wrap_up') {
    const want = a.activity === 'on_task' ? 'assigned' : 'wrap_up';
    const times = tasks.filter((t) => t.status === want).map((t) => t.since);
    // on a task since the first of the tasks held now; in wrap-up since the latest wrap-up began
    if (times.length) at = Math.max(a.presenceSince, a.activity === 'on_task' ? Math.min(...times) : Math.max(...times));
  }
  return Math.min(at, now);
}
