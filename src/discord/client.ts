import { Client, type ClientOptions, GatewayIntentBits, Options, Partials } from 'discord.js';

export interface ClientSettings {
  /** REST base URL (a proxy or the local simulator); default: Discord. */
  apiBase?: string;
  /** Request the privileged MessageContent intent (only for question channels). */
  messageContent?: boolean;
  /** Extra options, e.g. a no-op identify throttler in tests. */
  overrides?: Partial<ClientOptions>;
}

/**
 * A discord.js client with the intents the bot needs and bounded caches, so memory stays flat in big servers:
 * the bot answers from the event payloads and never needs old messages, members or presences.
 */
export function createClient(settings: ClientSettings = {}): Client {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  if (settings.messageContent) intents.push(GatewayIntentBits.MessageContent);
  return new Client({
    intents,
    partials: [Partials.Channel, Partials.Message],
    allowedMentions: { parse: [], repliedUser: false },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 25,
      GuildMemberManager: { maxSize: 50, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: 500,
      ThreadManager: 100,
      ReactionManager: 0,
      PresenceManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      VoiceStateManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      messages: { interval: 900, lifetime: 900 },
      users: { interval: 3600, filter: () => (user) => user.id !== user.client.user.id },
    },
    ...(settings.apiBase ? { rest: { api: settings.apiBase } } : {}),
    ...settings.overrides,
  });
}
