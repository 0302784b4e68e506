import { type APIRequest, type Interaction, type REST, RESTEvents, type ResponseLike } from 'discord.js';
import { callbackInteractionId } from '../discord/callback-path.ts';
import type { BotMetrics, InteractionKind } from './bot-metrics.ts';

type Route = (interaction: Interaction) => Promise<void>;

export function interactionKind(interaction: Interaction): InteractionKind {
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isMessageComponent()) return 'component';
  if (interaction.isModalSubmit()) return 'modal';
  return 'command';
}

/**
 * Wraps the interaction router to time each interaction from its arrival to Discord accepting its reply (the
 * first 2xx answer to its `/callback` request, as @discordjs/rest reports it; a retried 429 or 5xx counts
 * once it succeeds). Works alike in gateway and HTTP mode, since both reply through the client's REST. Only
 * interactions being handled are tracked, so the map stays as small as the number in flight.
 */
export function timeReplies(rest: REST, metrics: BotMetrics, route: Route): Route {
  const inFlight = new Map<string, { started: number; kind: InteractionKind }>();
  rest.on(RESTEvents.Response, (request: APIRequest, response: ResponseLike) => {
    if (response.status >= 300) return;
    const id = callbackInteractionId(String(request.path));
    const timing = id === undefined ? undefined : inFlight.get(id);
    if (!id || !timing) return;
    inFlight.delete(id);
    metrics.replyAccepted(timing.kind, (performance.now() - timing.started) / 1000);
  });
  return async (interaction) => {
    inFlight.set(interaction.id, { started: performance.now(), kind: interactionKind(interaction) });
    try {
      await route(interaction);
    } finally {
      inFlight.delete(interaction.id);
    }
  };
}
