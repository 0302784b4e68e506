import {
  type APIInteraction,
  type Client,
  ClientApplication,
  Events,
  type Interaction,
  Options,
} from 'discord.js';
import { createClient } from '../discord/client.ts';

export interface RestClientSettings {
  token: string;
  /** The application id (DISCORD_CLIENT_ID). */
  applicationId: string;
  apiBase?: string;
}

/**
 * A discord.js client that never logs in: no gateway, only REST (interaction callbacks, follow-ups) with the
 * bot token. It caches nothing across requests: no partial channels, so interactions resolve their message
 * from the payload instead of a channel cache; that keeps every replica stateless and its memory flat.
 */
export function createRestOnlyClient(settings: RestClientSettings): Client {
  const client = createClient({
    apiBase: settings.apiBase,
    overrides: {
      intents: [],
      partials: [],
      // The gateway client's user sweeper reads client.user, which a client that never logs in does not have.
      sweepers: Options.DefaultSweeperSettings,
    },
  });
  client.rest.setToken(settings.token);
  // discord.js sets `client.application` from READY; interactions read it (entitlements, `command`).
  // Its constructor is private in the typings only.
  client.application = Reflect.construct(ClientApplication, [client, { id: settings.applicationId }]);
  return client;
}

interface InteractionCreateAction {
  handle(data: APIInteraction): void;
}

/**
 * Turns a payload into the discord.js Interaction the gateway would have emitted, through the same action
 * discord.js runs for INTERACTION_CREATE (class by type, channel resolution). Undefined for types discord.js
 * does not emit (unknown types, components in non-text channels).
 */
export function toInteraction(client: Client, payload: APIInteraction): Interaction | undefined {
  let created: Interaction | undefined;
  const capture = (interaction: Interaction) => {
    if (interaction.id === payload.id) created = interaction;
  };
  const actions = (client as unknown as { actions: { InteractionCreate: InteractionCreateAction } }).actions;
  client.on(Events.InteractionCreate, capture);
  try {
    actions.InteractionCreate.handle(payload); // emits synchronously
  } finally {
    client.off(Events.InteractionCreate, capture);
  }
  return created;
}
