import type { APIUser, UserFlags } from 'discord.js';
import { shardForGuild, snowflake } from './snowflake.ts';
import type { GuildSpec, SimChannel, SimGuild } from './types.ts';

// Fixed timestamps and increments keep fixture ids stable between runs (2021-01-01T00:00:00Z).
const FIXTURE_TIME = 1_609_459_200_000;

export const DEFAULT_APPLICATION_ID = snowflake(FIXTURE_TIME - 86_400_000, 0);

export interface FixtureOptions {
  applicationId: string;
  botUsername: string;
  shardCount: number;
  guilds: number | GuildSpec[];
}

export class Fixtures {
  readonly botUser: APIUser;
  readonly user: APIUser;
  readonly otherUser: APIUser;
  readonly guilds: SimGuild[];
  private readonly usersById = new Map<string, APIUser>();
  private readonly channelsById = new Map<string, SimChannel>();
  private readonly dmByUser = new Map<string, SimChannel>();

  constructor(options: FixtureOptions) {
    this.botUser = this.addUser(makeUser(options.applicationId, options.botUsername, true));
    this.user = this.addUser(makeUser(snowflake(FIXTURE_TIME + 1, 0), 'alice', false));
    this.otherUser = this.addUser(makeUser(snowflake(FIXTURE_TIME + 2, 0), 'bob', false));
    const specs: GuildSpec[] =
      typeof options.guilds === 'number'
        ? Array.from({ length: options.guilds }, () => ({}))
        : options.guilds;
    if (specs.length === 0) throw new Error('the simulator needs at least one guild');
    this.guilds = specs.map((spec, index) => this.makeGuild(spec, index, options.shardCount));
  }

  /** The first guild, and its first text channel. */
  get guild(): SimGuild {
    return this.guilds[0] as SimGuild;
  }

  get channel(): SimChannel {
    return this.guild.channels[0] as SimChannel;
  }

  userById(id: string): APIUser | undefined {
    return this.usersById.get(id);
  }

  channelById(id: string): SimChannel | undefined {
    return this.channelsById.get(id);
  }

  guildById(id: string): SimGuild | undefined {
    return this.guilds.find((guild) => guild.id === id);
  }

  /** The DM channel between the bot and a user, created on first use as Discord does. */
  dmChannel(userId: string): SimChannel {
    const existing = this.dmByUser.get(userId);
    if (existing) return existing;
    const channel: SimChannel = { id: snowflake(), name: '', type: 1, guildId: null, recipientId: userId };
    this.dmByUser.set(userId, channel);
    this.channelsById.set(channel.id, channel);
    return channel;
  }

  addUser(user: APIUser): APIUser {
    this.usersById.set(user.id, user);
    return user;
  }

  private makeGuild(spec: GuildSpec, index: number, shardCount: number): SimGuild {
    const id = spec.id ?? guildIdOnShard(index % shardCount, shardCount, FIXTURE_TIME + 10_000 * (index + 1));
    const names = spec.channels ?? ['general'];
    const channels = names.map((name, position) => {
      const time = FIXTURE_TIME + 10_000 * (index + 1) + 100 + position;
      const channel: SimChannel = { id: snowflake(time, 0), name, type: 0, guildId: id };
      this.channelsById.set(channel.id, channel);
      return channel;
    });
    return {
      id,
      name: spec.name ?? `Simulated Guild ${index + 1}`,
      channels,
      ownerId: this.user.id,
      roleCount: spec.roles ?? 0,
      memberCount: Math.max(3, spec.members ?? 3),
    };
  }
}

function makeUser(id: string, username: string, bot: boolean): APIUser {
  return {
    id,
    username,
    global_name: bot ? null : username[0]?.toUpperCase() + username.slice(1),
    discriminator: '0',
    avatar: null,
    bot,
    system: false,
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
  };
}

function guildIdOnShard(shard: number, shardCount: number, from: number): string {
  for (let time = from; ; time++) {
    const id = snowflake(time, 0);
    if (shardForGuild(id, shardCount) === shard) return id;
  }
}
