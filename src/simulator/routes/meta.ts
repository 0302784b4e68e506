import { DiscordErrors } from '../errors.ts';
import { channelJson, guildCreateJson, memberJson } from '../payloads.ts';
import type { Route } from '../rest.ts';
import { isRecord } from '../rules/common.ts';
import type { SimState } from '../state.ts';
import { ok } from './shared.ts';

/** Gateway discovery, the application, users and guilds. */
export function metaRoutes(state: SimState): Route[] {
  const gatewayUrl = () => state.origin().replace(/^http/, 'ws');
  return [
    { method: 'GET', path: '/gateway', auth: false, handle: () => ok({ url: gatewayUrl() }) },
    {
      method: 'GET',
      path: '/gateway/bot',
      auth: true,
      handle: () =>
        ok({
          url: gatewayUrl(),
          shards: state.options.shardCount,
          session_start_limit: {
            total: 1000,
            remaining: 1000,
            reset_after: 14_400_000,
            max_concurrency: state.options.maxConcurrency,
          },
        }),
    },
    { method: 'GET', path: '/applications/@me', auth: true, handle: () => ok(applicationJson(state)) },
    { method: 'GET', path: '/oauth2/applications/@me', auth: true, handle: () => ok(applicationJson(state)) },
    { method: 'GET', path: '/users/@me', auth: true, handle: () => ok(state.fixtures.botUser) },
    {
      method: 'POST',
      path: '/users/@me/channels',
      auth: true,
      handle: ({ body }) => {
        const recipient =
          isRecord(body) && typeof body.recipient_id === 'string'
            ? state.fixtures.userById(body.recipient_id)
            : undefined;
        if (!recipient) return DiscordErrors.notFound();
        return ok(channelJson(state.fixtures.dmChannel(recipient.id), state.fixtures));
      },
    },
    {
      method: 'GET',
      path: '/users/:user',
      auth: true,
      handle: ({ params }) => {
        const user = state.fixtures.userById(params.user ?? '');
        return user ? ok(user) : { status: 404, body: { message: 'Unknown User', code: 10013 } };
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guild',
      auth: true,
      handle: ({ params }) => {
        const guild = state.fixtures.guildById(params.guild ?? '');
        return guild ? ok(guildCreateJson(guild, state.fixtures)) : DiscordErrors.unknownGuild();
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guild/channels',
      auth: true,
      handle: ({ params }) => {
        const guild = state.fixtures.guildById(params.guild ?? '');
        return guild
          ? ok(guild.channels.map((channel, index) => channelJson(channel, state.fixtures, index)))
          : DiscordErrors.unknownGuild();
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guild/members/:user',
      auth: true,
      handle: ({ params }) => {
        const user = state.fixtures.userById(params.user ?? '');
        if (!state.fixtures.guildById(params.guild ?? '')) return DiscordErrors.unknownGuild();
        return user
          ? ok(memberJson(user, true))
          : { status: 404, body: { message: 'Unknown Member', code: 10007 } };
      },
    },
  ];
}

function applicationJson(state: SimState): Record<string, unknown> {
  return {
    id: state.options.applicationId,
    name: state.fixtures.botUser.username,
    icon: null,
    description: 'Simulated application',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: state.fixtures.user,
    team: null,
    bot: state.fixtures.botUser,
    approximate_guild_count: state.fixtures.guilds.length,
    integration_types_config: { 0: {}, 1: {} },
  };
}
