import type { CoreDeps } from '../deps.ts';
import { configActions } from './service-config.ts';
import { offerActions } from './service-offers.ts';
import { taskActions } from './service-tasks.ts';
import { testBoxAction } from './service-test-box.ts';
import { transferActions } from './service-transfer.ts';

export type { TaskView } from './service-shared.ts';
export type { OfferView } from './service-offers.ts';

/**
 * Everything a person does in routing (admin set-up, presence, accept, reject, pick, transfer,
 * escalate, supervisor moves): conditional database writes with their events in one unit of work.
 * The routing leader (src/jobs/routing-runner.ts) follows those events into its engine.
 * Design: docs/decisions/013-routing.md.
 */
export function createRoutingService(d: CoreDeps) {
  return {
    ...configActions(d),
    testWorkflow: testBoxAction(d),
    ...offerActions(d),
    ...taskActions(d),
    ...transferActions(d),
  };
}
export type RoutingService = ReturnType<typeof createRoutingService>;
