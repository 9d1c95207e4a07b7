import { routingApi } from '../../api/routing.ts';
import type { WallboardAgent } from './api.ts';

type HeldTask = WallboardAgent['tasks'][number];

/**
 * Take over: a waiting or offered task is assigned to me at once; an assigned one is transferred
 * to me (an offer to me only) and I accept that offer straight away.
 */
export async function takeOver(task: { taskId: string; status: string }, meId: string): Promise<void> {
  if (task.status === 'assigned' || task.status === 'wrap_up') {
    await routingApi.transfer(task.taskId, { toUserId: meId });
    const offer = (await routingApi.offers()).items.find((o) => o.taskId === task.taskId);
    if (offer) await routingApi.accept(offer.id);
    return;
  }
  await routingApi.assign(task.taskId, meId);
}

/** Reassign to another agent: assigned tasks are transferred (an offer to them), waiting ones assigned. */
export async function reassign(task: HeldTask, userId: string): Promise<void> {
  if (task.status === 'assigned') await routingApi.transfer(task.taskId, { toUserId: userId });
  else await routingApi.assign(task.taskId, userId);
}
