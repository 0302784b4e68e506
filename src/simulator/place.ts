import type { APIMessage, APIUser } from 'discord.js';
import type { Fixtures } from './fixtures.ts';
import type { MessageStore } from './messages.ts';
import type { ActorOptions, MessageRef, SimChannel } from './types.ts';

/** Where a user acts: a guild channel or their DM with the bot. */
export interface Place {
  guildId: string | null;
  channel: SimChannel;
  user: APIUser;
}

/** `dm`, else `channelId`, else the first channel of `guildId` (default: `sim.channel`). */
export function placeFor(fixtures: Fixtures, options: ActorOptions & { user?: APIUser }): Place {
  const user = options.user ?? fixtures.user;
  if (options.dm) return { guildId: null, channel: fixtures.dmChannel(user.id), user };
  if (options.channelId) {
    const channel = fixtures.channelById(options.channelId);
    if (!channel) throw new Error(`unknown channel ${options.channelId}`);
    return { guildId: channel.guildId, channel, user };
  }
  const guild = options.guildId ? fixtures.guildById(options.guildId) : fixtures.guild;
  if (!guild) throw new Error(`unknown guild ${options.guildId}`);
  return { guildId: guild.id, channel: guild.channels[0] as SimChannel, user };
}

export function placeOfMessage(
  fixtures: Fixtures,
  message: APIMessage,
  user: APIUser = fixtures.user,
): Place {
  const channel = fixtures.channelById(message.channel_id);
  if (!channel) throw new Error(`message ${message.id} is in an unknown channel ${message.channel_id}`);
  return { guildId: channel.guildId, channel, user };
}

/** The stored message a view, raw message or id designates; throws if unknown or deleted. */
export function resolveMessage(messages: MessageStore, ref: MessageRef): APIMessage {
  const id = typeof ref === 'string' ? ref : 'messageId' in ref ? ref.messageId : ref.id;
  if (!id) throw new Error('this result has no message (the bot did not answer with a message)');
  const message = messages.get(id);
  if (!message) throw new Error(`unknown message ${id}`);
  if (messages.isDeleted(id)) throw new Error(`message ${id} was deleted`);
  return message;
}
