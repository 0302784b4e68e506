import type { APIMessage, APIUser, UserFlags } from 'discord.js';
import type { Fixtures } from './fixtures.ts';
import type { InteractionRecord } from './interactions.ts';
import { ALL_PERMISSIONS as ALL_PERMISSION_BITS } from './permissions.ts';
import type { SimChannel, SimGuild } from './types.ts';

// Every permission bit Discord defines today, as a string (the API sends permissions as strings).
const ALL_PERMISSIONS = ALL_PERMISSION_BITS.toString();
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

/** Intent bit for presences: with it, GUILD_CREATE lists every member (Discord sends only the bot without). */
const GUILD_PRESENCES = 1 << 8;

/** Ids derived from the guild's (increment 0): roles take increments 1..., filler members 2048... */
const derivedId = (guild: SimGuild, increment: number) => (BigInt(guild.id) + BigInt(increment)).toString();

/** A busy server's extra roles (GuildSpec.roles), shaped as Discord sends them. */
function extraRoles(guild: SimGuild): Record<string, unknown>[] {
  return Array.from({ length: guild.roleCount }, (_, i) => ({
    id: derivedId(guild, 1 + i),
    name: `role ${i + 1}`,
    color: 0x3498db,
    colors: { primary_color: 0x3498db, secondary_color: null, tertiary_color: null },
    hoist: i % 3 === 0,
    icon: null,
    unicode_emoji: null,
    position: i + 1,
    permissions: '1071698660929',
    managed: false,
    mentionable: i % 2 === 0,
    flags: 0,
  }));
}

/** Members beyond the three fixture users (GuildSpec.members), each with a role. */
function fillerMembers(guild: SimGuild): Record<string, unknown>[] {
  return Array.from({ length: guild.memberCount - 3 }, (_, i) => {
    const user: APIUser = {
      id: derivedId(guild, 2048 + i),
      username: `member${i + 1}`,
      global_name: `Member ${i + 1}`,
      discriminator: '0',
      avatar: null,
      bot: false,
      system: false,
      public_flags: 0 as UserFlags,
      flags: 0 as UserFlags,
    };
    const roles = guild.roleCount > 0 ? [derivedId(guild, 1 + (i % guild.roleCount))] : [];
    return { ...memberJson(user, true), roles };
  });
}

/**
 * GUILD_CREATE: the full guild, its channels, roles and members: the bot and the two users, and the filler
 * members (GuildSpec.members) only for a session with the GUILD_PRESENCES intent, as Discord sends them.
 */
export function guildCreateJson(guild: SimGuild, fixtures: Fixtures, intents = 0): Record<string, unknown> {
  const members = [fixtures.botUser, fixtures.user, fixtures.otherUser].map((user) => memberJson(user, true));
  if ((intents & GUILD_PRESENCES) !== 0) members.push(...fillerMembers(guild));
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
      ...extraRoles(guild),
    ],
    joined_at: JOINED_AT,
    large: false,
    unavailable: false,
    member_count: guild.memberCount,
    members,
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
  extra: { message?: APIMessage; locale?: string; appPermissions?: bigint; permissions?: string } = {},
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
    app_permissions: extra.appPermissions?.toString() ?? ALL_PERMISSIONS,
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
