import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiscordErrors, type HttpResult } from './errors.ts';
import type { FaultInjector } from './faults.ts';
import { type ParsedBody, readBody, writeResult } from './http.ts';
import type { RequestLog, ViolationLog } from './log.ts';
import type { RecordedRequest, UploadedFile } from './types.ts';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  /** The route template, e.g. `POST /channels/:channel/messages`, for violation records. */
  route: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below `/api/v10`, with `:name` segments. */
  path: string;
  /** Whether Discord requires `Authorization: Bot <token>` (interaction callbacks and webhooks do not). */
  auth: boolean;
  handle: (context: RouteContext) => HttpResult | Promise<HttpResult>;
}

export interface RestDependencies {
  token: string;
  routes: Route[];
  faults: FaultInjector;
  requests: RequestLog;
  violations: ViolationLog;
}

const API_PREFIX = /^\/api(?:\/v\d+)?(?=\/)/;

/** HTTP front of the simulator: routing, authorization, fault injection and the request log. */
export function createRestHandler(
  deps: RestDependencies,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(deps, request)
      .then((result) => writeResult(response, result))
      .catch((error: unknown) =>
        writeResult(response, { status: 500, body: { message: String(error), code: 0 } }),
      );
  };
}

async function handle(deps: RestDependencies, request: IncomingMessage): Promise<HttpResult> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = (request.method ?? 'GET').toUpperCase();
  const parsed = await readBody(request);
  const prefix = API_PREFIX.exec(url.pathname);
  const path = decodePath(prefix ? url.pathname.slice(prefix[0].length) : url.pathname);
  const match = prefix ? findRoute(deps.routes, method, path) : null;
  const entry: RecordedRequest = {
    method,
    path,
    route: match ? `${match.route.method} ${match.route.path}` : null,
    query: Object.fromEntries(url.searchParams),
    body: parsed.body,
    files: parsed.files,
    status: 0,
    at: Date.now(),
  };
  deps.requests.add(entry);
  const result = await answer(deps, {
    method,
    path,
    query: url.searchParams,
    match,
    parsed,
    authorization: request.headers.authorization,
  });
  entry.status = result.status;
  return result;
}

interface IncomingCall {
  method: string;
  path: string;
  query: URLSearchParams;
  match: { route: Route; params: Record<string, string> } | null;
  parsed: ParsedBody;
  authorization: string | undefined;
}

async function answer(deps: RestDependencies, call: IncomingCall): Promise<HttpResult> {
  const { method, path, match, parsed } = call;
  const fault = deps.faults.take(method, path);
  if (fault) {
    return fault.status === 429
      ? DiscordErrors.rateLimited(fault.retryAfter ?? 1, fault.global ?? false)
      : DiscordErrors.serverError(fault.status);
  }
  if (!match) {
    return deps.routes.some((route) => matchPath(route.path, path))
      ? DiscordErrors.methodNotAllowed()
      : DiscordErrors.notFound();
  }
  const template = `${match.route.method} ${match.route.path}`;
  if (match.route.auth) {
    const header = call.authorization;
    if (header !== `Bot ${deps.token}`) {
      const why =
        header === undefined
          ? 'no Authorization header'
          : 'Authorization is not "Bot <token>" with the right token';
      deps.violations.record(template, 'unauthorized', why);
      return DiscordErrors.unauthorized();
    }
  }
  if (parsed.invalid) return DiscordErrors.invalidJson();
  return match.route.handle({
    params: match.params,
    query: call.query,
    body: parsed.body,
    files: parsed.files,
    route: template,
  });
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const expected = pattern.split('/').filter(Boolean);
  const actual = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = value;
    else if (segment !== value) return null;
  }
  return params;
}
