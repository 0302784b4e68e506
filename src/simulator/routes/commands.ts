import { DiscordErrors, type HttpResult } from '../errors.ts';
import type { Route, RouteContext } from '../rest.ts';
import { isRecord } from '../rules/common.ts';
import { validateCommand, validateCommandSet } from '../rules/index.ts';
import type { SimState } from '../state.ts';
import { noContent, ok, reject } from './shared.ts';

/** Global and guild application commands; bulk overwrite (PUT) is how bots usually register them. */
export function commandRoutes(state: SimState): Route[] {
  const routes: Route[] = [];
  for (const base of [
    '/applications/:application/commands',
    '/applications/:application/guilds/:guild/commands',
  ]) {
    const scoped =
      (handler: (guildId: string | null, context: RouteContext) => HttpResult) => (context: RouteContext) => {
        if (context.params.application !== state.options.applicationId) return DiscordErrors.missingAccess();
        const guildId = context.params.guild ?? null;
        if (guildId && !state.fixtures.guildById(guildId)) return DiscordErrors.missingAccess();
        return handler(guildId, context);
      };
    routes.push(
      {
        method: 'GET',
        path: base,
        auth: true,
        handle: scoped((guildId) => ok(state.commands.list(guildId))),
      },
      {
        method: 'PUT',
        path: base,
        auth: true,
        handle: scoped((guildId, context) => overwrite(state, guildId, context)),
      },
      {
        method: 'POST',
        path: base,
        auth: true,
        handle: scoped((guildId, context) => create(state, guildId, context)),
      },
      {
        method: 'GET',
        path: `${base}/:command`,
        auth: true,
        handle: scoped((guildId, context) => fetchOne(state, guildId, context)),
      },
      {
        method: 'PATCH',
        path: `${base}/:command`,
        auth: true,
        handle: scoped((guildId, context) => edit(state, guildId, context)),
      },
      {
        method: 'DELETE',
        path: `${base}/:command`,
        auth: true,
        handle: scoped((guildId, context) =>
          state.commands.remove(guildId, context.params.command ?? '')
            ? noContent()
            : DiscordErrors.unknownCommand(),
        ),
      },
    );
  }
  return routes;
}

function overwrite(state: SimState, guildId: string | null, { body, route }: RouteContext): HttpResult {
  const refused = reject(state, route, validateCommandSet(body));
  if (refused) return refused;
  return ok(state.commands.overwrite(guildId, (body as unknown[]).filter(isRecord)));
}

function create(state: SimState, guildId: string | null, { body, route }: RouteContext): HttpResult {
  const refused = reject(state, route, validateCommand(body));
  if (refused || !isRecord(body)) return refused ?? DiscordErrors.notFound();
  const { command, created } = state.commands.upsert(guildId, body);
  return ok(command, created ? 201 : 200);
}

function fetchOne(state: SimState, guildId: string | null, { params }: RouteContext): HttpResult {
  const command = state.commands.list(guildId).find((item) => item.id === params.command);
  return command ? ok(command) : DiscordErrors.unknownCommand();
}

function edit(state: SimState, guildId: string | null, { params, body, route }: RouteContext): HttpResult {
  const current = state.commands.list(guildId).find((item) => item.id === params.command);
  if (!current) return DiscordErrors.unknownCommand();
  const patch = isRecord(body) ? body : {};
  const refused = reject(state, route, validateCommand({ ...current, ...patch }));
  if (refused) return refused;
  return ok(state.commands.edit(guildId, current.id, patch));
}
