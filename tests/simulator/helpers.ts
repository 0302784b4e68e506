import { WebSocket } from 'ws';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/index.ts';

export const TOKEN = 'simulator-test-token';

/** Guilds + GuildMessages + DirectMessages + MessageContent. */
export const ALL_INTENTS = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15);

export function startTestSim(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ token: TOKEN, quietMs: 30, ...options });
}

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary Discord JSON bodies
  body: any;
  headers: Headers;
}

/** Calls the simulator's REST API like a bot would (`Authorization: Bot <token>` unless `auth: false`). */
export async function api(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  options: { auth?: boolean | string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const auth = options.auth ?? true;
  if (auth !== false) headers.Authorization = typeof auth === 'string' ? auth : `Bot ${sim.token}`;
  const response = await fetch(`${sim.apiBase}/v10${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export interface Dispatch {
  op: number;
  s: number | null;
  t: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary gateway payloads
  d: any;
}

/** A minimal gateway client, to drive the simulator without discord.js. */
export class RawBot {
  readonly received: Dispatch[] = [];
  closeCode: number | null = null;
  private consumed = new Set<Dispatch>();
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as Dispatch);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Connects and identifies (unless `identify: false`); resolves after READY. */
  static async connect(
    sim: Simulator,
    options: { intents?: number; shard?: [number, number]; token?: string; identify?: boolean } = {},
  ): Promise<RawBot> {
    const socket = new WebSocket(`${sim.gatewayUrl}/?v=10&encoding=json`);
    const bot = new RawBot(socket);
    await bot.next((payload) => payload.op === 10);
    if (options.identify === false) return bot;
    bot.send({
      op: 2,
      d: {
        token: options.token ?? sim.token,
        intents: options.intents ?? ALL_INTENTS,
        shard: options.shard ?? [0, 1],
        properties: { os: 'linux', browser: 'test', device: 'test' },
      },
    });
    if (options.token === undefined || options.token === sim.token) await bot.waitFor('READY');
    return bot;
  }

  send(payload: unknown): void {
    this.socket.send(JSON.stringify(payload));
  }

  /** The next not yet consumed payload matching the predicate. */
  next(predicate: (payload: Dispatch) => boolean, timeoutMs = 2000): Promise<Dispatch> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a gateway payload')), timeoutMs);
      const check = () => {
        const found = this.received.find((payload) => !this.consumed.has(payload) && predicate(payload));
        if (found) {
          clearTimeout(timer);
          this.consumed.add(found);
          resolve(found);
        } else if (this.closeCode !== null) {
          clearTimeout(timer);
          reject(new Error(`socket closed with ${this.closeCode}`));
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  waitFor(type: string, timeoutMs?: number): Promise<Dispatch> {
    return this.next((payload) => payload.op === 0 && payload.t === type, timeoutMs);
  }

  async closed(): Promise<number> {
    if (this.closeCode !== null) return this.closeCode;
    await new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    return this.closeCode ?? 0;
  }

  close(code = 1000): void {
    this.socket.close(code);
  }
}

/** Registers commands through the REST API (in `sim.guild`, or globally with `null`), expecting success. */
export async function registerCommands(
  sim: Simulator,
  commands: unknown[],
  guildId: string | null = sim.guild.id,
): Promise<void> {
  const scope = guildId ? `/guilds/${guildId}` : '';
  const response = await api(sim, 'PUT', `/applications/${sim.applicationId}${scope}/commands`, commands);
  if (response.status !== 200)
    throw new Error(`command registration failed: ${JSON.stringify(response.body)}`);
}

export function callback(
  sim: Simulator,
  interaction: { id: string; token: string },
  body: unknown,
  query = '',
) {
  return api(sim, 'POST', `/interactions/${interaction.id}/${interaction.token}/callback${query}`, body, {
    auth: false,
  });
}
