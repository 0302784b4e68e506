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
 * A discord.js client with the intents the bot needs and caches cut to what it uses, so memory stays flat in
 * big servers. It answers from the event payloads: interactions reply through their token, mentions and DMs
 * through `message.reply()`, which needs the message's channel (hence guilds and their channels stay cached),
 * but no old message, member, presence or emoji. Roles stay too: discord.js does not support limiting guilds,
 * channels, roles or permission overwrites (it warns at start-up and permission checks would break).
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
      // A reply references the message by id: no message history is read, so none is kept.
      MessageManager: 0,
      // Only the bot's own member (`guild.members.me`); interaction and message payloads carry the rest.
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: 100,
      ThreadManager: 100,
      ThreadMemberManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      PresenceManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      VoiceStateManager: 0,
      GuildBanManager: 0,
      GuildInviteManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      users: { interval: 3600, filter: () => (user) => user.id !== user.client.user.id },
    },
    ...(settings.apiBase ? { rest: { api: settings.apiBase } } : {}),
    ...settings.overrides,
  });
}
