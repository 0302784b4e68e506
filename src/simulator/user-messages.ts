import type { APIMessage } from 'discord.js';
import { type Gateway, type GatewaySessionInfo, Intent } from './gateway.ts';
import { messageFromBody } from './messages.ts';
import { messageCreateJson } from './payloads.ts';
import { type Place, placeFor, resolveMessage } from './place.ts';
import type { SimState } from './state.ts';
import type { ResponseView, SendMessageOptions } from './types.ts';
import { channelReplyView } from './views.ts';
import { waitForOutcome } from './waiting.ts';

/** Users writing in channels and DMs, and the bot's replies there. */
export class MessageActions {
  constructor(
    private readonly state: SimState,
    private readonly gateway: Gateway,
  ) {}

  /** Posts a user message and waits for the bot's replies in that channel. */
  async sendMessage(content: string, options: SendMessageOptions = {}): Promise<ResponseView> {
    const place = placeFor(this.state.fixtures, {
      ...options,
      user: options.author ?? this.state.fixtures.user,
    });
    await this.gateway.waitForShard(place.guildId, options.timeoutMs ?? this.state.options.responseTimeoutMs);
    const { message, event } = this.postMessage(content, options);
    const replies = () =>
      this.state.messages
        .inChannel(message.channel_id)
        .filter(
          (item) => item.author.id === this.state.fixtures.botUser.id && BigInt(item.id) > BigInt(message.id),
        );
    const { timedOut } = await waitForOutcome({
      subscribe: (listener) => this.onChannelActivity(message.channel_id, listener),
      status: () => (replies().length > 0 ? 'complete' : 'pending'),
      timeoutMs: options.timeoutMs ?? this.state.options.responseTimeoutMs,
      quietMs: options.quietMs ?? this.state.options.quietMs,
    });
    return channelReplyView(this.state.messages, event, replies(), timedOut);
  }

  /** Stores a user message and delivers it (MESSAGE_CREATE) to the connected sessions, without waiting. */
  postMessage(content: string, options: SendMessageOptions = {}): { message: APIMessage; event: unknown } {
    const { fixtures } = this.state;
    const baseAuthor = options.author ?? fixtures.user;
    const author = options.bot ? { ...baseAuthor, bot: true } : baseAuthor;
    const place = placeFor(this.state.fixtures, { ...options, user: author });
    const mention = `<@${fixtures.botUser.id}>`;
    const text = options.mentionBot && !content.includes(mention) ? `${mention} ${content}` : content;
    const referenced = options.replyTo ? resolveMessage(this.state.messages, options.replyTo) : undefined;
    const message = this.state.messages.add(
      messageFromBody(
        { content: text },
        {
          channelId: place.channel.id,
          guildId: place.guildId,
          author,
          referenced,
          resolveUser: (id) => fixtures.userById(id),
          attachmentBase: this.state.origin(),
        },
      ),
    );
    const event = messageCreateJson(message, place.guildId, place.channel.type);
    const mentionsBot = message.mentions.some((user) => user.id === fixtures.botUser.id);
    this.gateway.dispatch(place.guildId, 'MESSAGE_CREATE', (session) =>
      this.messageEventFor(session, event, place, mentionsBot),
    );
    return { message, event };
  }

  /** Intents decide whether a session gets a message and whether it sees its content. */
  private messageEventFor(
    session: GatewaySessionInfo,
    event: Record<string, unknown>,
    place: Place,
    mentionsBot: boolean,
  ): unknown {
    const needed = place.guildId ? Intent.GuildMessages : Intent.DirectMessages;
    if ((session.intents & needed) === 0) {
      const name = place.guildId ? 'GUILD_MESSAGES' : 'DIRECT_MESSAGES';
      this.state.violations.record(
        'GATEWAY MESSAGE_CREATE',
        'missing-intent',
        `message not delivered to shard ${session.shardId}: the session did not request ${name}`,
      );
      return null;
    }
    if (place.guildId && !mentionsBot && (session.intents & Intent.MessageContent) === 0) {
      return { ...event, content: '', embeds: [], attachments: [], components: [] };
    }
    return event;
  }

  private onChannelActivity(channelId: string, listener: () => void): () => void {
    const onMessage = (message: APIMessage) => {
      if (message.channel_id === channelId) listener();
    };
    const { messages } = this.state;
    messages.on('created', onMessage).on('updated', onMessage).on('deleted', onMessage);
    return () => {
      messages.off('created', onMessage).off('updated', onMessage).off('deleted', onMessage);
    };
  }
}
