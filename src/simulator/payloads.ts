import type { APIMessage, APIUser } from 'discord.js';
import type { Fixtures } from './fixtures.ts';
import type { InteractionRecord } from './interactions.ts';
import type { SimChannel, SimGuild } from './types.ts';

// Every permission bit Discord defines today, as a string (the API sends permissions as strings).
const ALL_PERMISSIONS = ((1n << 51n) - 1n).toString();
const JOINED_AT = '2021-01-01T00:00:00.000Z';
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function memberJson(user: APIUser, withUser: boolean): Record<string, unknown> {
  return {
    ...(withUser ? { user } : {}),
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: JOINED_AT,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

export function channelJson(channel: SimChannel, fixtures: Fixtures, position = 0): Record<string, unknown> {
  if (channel.type === 1) {
    const recipient = channel.recipientId ? fixtures.userById(channel.recipientId) : undefined;
    return {
      id: channel.id,
      type: 1,
      recipients: recipient ? [recipient] : [],
      last_message_id: null,
      flags: 0,
    };
  }
  return {
    id: channel.id,
    type: 0,
    guild_id: channel.guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/** GUILD_CREATE: the full guild, its channels, roles and members (the bot and the two users). */
export function guildCreateJson(guild: SimGuild, fixtures: Fixtures): Record<string, unknown> {
  const members = [fixtures.botUser, fixtures.user, fixtures.otherUser];
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    application_id: null,
    features: [],
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    emojis: [],
    stickers: [],
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: '2248473465835073',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    joined_at: JOINED_AT,
    large: false,
    unavailable: false,
    member_count: members.length,
    members: members.map((user) => memberJson(user, true)),
    channels: guild.channels.map((channel, index) => channelJson(channel, fixtures, index)),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** Every permission bit, as the API sends permissions. */
export { ALL_PERMISSIONS };

/** INTERACTION_CREATE: everything discord.js reads from a guild or DM interaction. */
export function interactionJson(
  record: InteractionRecord,
  fixtures: Fixtures,
  data: unknown,
  extra: { message?: APIMessage; locale?: string; permissions?: string } = {},
): Record<string, unknown> {
  const channel = fixtures.channelById(record.channelId);
  const inGuild = record.guildId !== null;
  return {
    id: record.id,
    application_id: record.applicationId,
    type: record.kind,
    data,
    token: record.token,
    version: 1,
    channel: channel
      ? { ...channelJson(channel, fixtures), permissions: ALL_PERMISSIONS }
      : { id: record.channelId, type: 0 },
    channel_id: record.channelId,
    ...(inGuild
      ? {
          guild_id: record.guildId,
          guild: { id: record.guildId, locale: 'en-US', features: [] },
          guild_locale: 'en-US',
          member: { ...memberJson(record.user, true), permissions: extra.permissions ?? ALL_PERMISSIONS },
        }
      : { user: record.user }),
    app_permissions: ALL_PERMISSIONS,
    locale: extra.locale ?? 'en-US',
    entitlements: [],
    authorizing_integration_owners: inGuild ? { 0: record.guildId } : { 1: record.user.id },
    context: inGuild ? 0 : 1,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    ...(extra.message ? { message: extra.message } : {}),
  };
}

/** MESSAGE_CREATE for a message: adds `guild_id`, `member` and mention members as the gateway does. */
export function messageCreateJson(
  message: APIMessage,
  guildId: string | null,
  channelType: number,
): Record<string, unknown> {
  return {
    ...message,
    channel_type: channelType,
    ...(guildId
      ? {
          guild_id: guildId,
          member: memberJson(message.author, false),
          mentions: message.mentions.map((user) => ({ ...user, member: memberJson(user, false) })),
        }
      : {}),
  };
}
