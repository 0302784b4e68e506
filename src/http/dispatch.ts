import { type APIInteraction, type APIRequest, type Client, type Interaction, RESTEvents } from 'discord.js';
import { callbackInteractionId } from '../discord/callback-path.ts';
import type { Logger } from '../logger.ts';
import { toInteraction } from './rest-client.ts';

/** Discord fails an interaction that is not acknowledged within 3 s of being sent. */
export const ACK_DEADLINE_MS = 3000;

/**
 * - `acknowledged`: the handler's interaction callback reached Discord (whatever Discord answered);
 * - `no-response`: the handler finished without sending one;
 * - `timed-out`: neither within the deadline (the handler goes on; its late callback will fail and be logged);
 * - `unsupported`: discord.js has no interaction class for this payload.
 */
export type DispatchOutcome = 'acknowledged' | 'no-response' | 'timed-out' | 'unsupported';

export interface InteractionDispatcher {
  dispatch(payload: APIInteraction): Promise<DispatchOutcome>;
  /** Stops listening and waits (up to `timeoutMs`) for handlers still running, e.g. sending follow-ups. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Runs interactions from HTTP payloads through the bot's router and reports when each one has been
 * acknowledged, so the HTTP request can be answered then (not after follow-ups). The router logs failures and
 * tells the user itself.
 */
export function createDispatcher(
  client: Client,
  route: (interaction: Interaction) => Promise<void>,
  logger: Logger,
  { ackDeadlineMs = ACK_DEADLINE_MS } = {},
): InteractionDispatcher {
  const waiting = new Map<string, () => void>();
  const running = new Set<Promise<unknown>>();
  // Emitted by @discordjs/rest once a response (any status) has come back for a request.
  const onResponse = (request: APIRequest) => {
    const id = callbackInteractionId(String(request.path));
    if (id) waiting.get(id)?.();
  };
  client.rest.on(RESTEvents.Response, onResponse);

  return {
    async dispatch(payload) {
      const interaction = toInteraction(client, payload);
      if (!interaction) return 'unsupported';
      const acknowledged = new Promise<DispatchOutcome>((resolve) =>
        waiting.set(interaction.id, () => resolve('acknowledged')),
      );
      const handled = route(interaction).then(
        (): DispatchOutcome => 'no-response',
        (error: unknown): DispatchOutcome => {
          // The router reports its own failures; this is a last resort so nothing rejects unobserved.
          logger.error({ err: error, interactionId: interaction.id }, 'interaction router failed');
          return 'no-response';
        },
      );
      running.add(handled);
      void handled.finally(() => running.delete(handled));
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<DispatchOutcome>((resolve) => {
        timer = setTimeout(() => resolve('timed-out'), ackDeadlineMs);
      });
      try {
        return await Promise.race([acknowledged, handled, deadline]);
      } finally {
        clearTimeout(timer);
        waiting.delete(interaction.id);
      }
    },
    async close(timeoutMs = ACK_DEADLINE_MS) {
      client.rest.off(RESTEvents.Response, onResponse);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
