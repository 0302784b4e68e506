import type { Route } from '../rest.ts';
import type { SimState } from '../state.ts';
import { channelRoutes } from './channels.ts';
import { commandRoutes } from './commands.ts';
import { interactionRoutes } from './interactions.ts';
import { metaRoutes } from './meta.ts';
import { webhookRoutes } from './webhooks.ts';

export function allRoutes(state: SimState): Route[] {
  return [
    ...metaRoutes(state),
    ...commandRoutes(state),
    ...interactionRoutes(state),
    ...webhookRoutes(state),
    ...channelRoutes(state),
  ];
}
