import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { isRecord } from './rules/common.ts';
import { shardForGuild } from './snowflake.ts';

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const CloseCode = {
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidShard: 4010,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

export const Intent = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

/** What event builders and tests may know about a session. */
export interface GatewaySessionInfo {
  id: string;
  shardId: number;
  shardCount: number;
  intents: number;
  connected: boolean;
  seq: number;
}

export interface GatewayConfig {
  token: string;
  heartbeatIntervalMs: number;
  resumeBufferSize: number;
  /** Changed at run time by `setDisallowedIntents` (the Developer Portal switches). */
  disallowedIntents: number;
  resumeUrl: () => string;
  ready: (session: GatewaySessionInfo) => Record<string, unknown>;
  guildCreates: (session: GatewaySessionInfo) => Array<Record<string, unknown>>;
  guildMembers: (guildId: string) => unknown[];
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
  /** Set when the simulator closes the socket, so the session stays resumable. */
  closedByServer: boolean;
}

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  buffer: Array<{ s: number; t: string; d: unknown }>;
  connection: Connection | null;
}

interface GatewayEvents {
  identified: [GatewaySessionInfo];
  resumed: [GatewaySessionInfo];
}

export interface ShardFilter {
  shardId?: number;
}

/** The Discord gateway: HELLO, IDENTIFY, heartbeats, READY + GUILD_CREATE, RESUME replay, op 7 and op 9. */
export class Gateway extends EventEmitter<GatewayEvents> {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();

  constructor(private readonly config: GatewayConfig) {
    super();
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  /** Serves websocket upgrades of an HTTP server (kept across `restart()`). */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
    });
  }

  sessionsInfo(): GatewaySessionInfo[] {
    return [...this.sessions.values()].map(info);
  }

  /**
   * Sends an event to the sessions of the shard that owns the guild (shard 0 for DMs), or buffers it
   * for RESUME while disconnected. `build` returns the payload for a session, or null to skip it.
   * Returns the number of sessions that got it.
   */
  dispatch(guildId: string | null, type: string, build: (session: GatewaySessionInfo) => unknown): number {
    let delivered = 0;
    for (const session of this.sessionsFor(guildId)) {
      const data = build(info(session));
      if (data === null) continue;
      this.send(session, type, data);
      delivered++;
    }
    return delivered;
  }

  /** Resolves once a session exists for the shard that owns the guild. */
  async waitForShard(guildId: string | null, timeoutMs: number): Promise<void> {
    if (this.sessionsFor(guildId).length > 0) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('identified', check);
        reject(
          new Error(
            `no gateway session for ${guildId ? `guild ${guildId}` : 'DMs'} after ${timeoutMs} ms; is the client logged in?`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (this.sessionsFor(guildId).length === 0) return;
        clearTimeout(timer);
        this.off('identified', check);
        resolve();
      };
      this.on('identified', check);
    });
  }

  /** Closes sockets with a code, or destroys them without a close frame (the client sees 1006). */
  drop(options: ShardFilter & { code?: number } = {}): void {
    for (const connection of this.connectionsFor(options)) {
      connection.closedByServer = true;
      if (options.code === undefined) connection.socket.terminate();
      else connection.socket.close(options.code, 'Simulated disconnect');
    }
  }

  sendReconnect(options: ShardFilter = {}): void {
    for (const connection of this.connectionsFor(options))
      sendRaw(connection, { op: GatewayOp.Reconnect, d: null });
  }

  /** op 9; when not resumable the session is forgotten, so the client must identify again. */
  sendInvalidSession(resumable: boolean, options: ShardFilter = {}): void {
    for (const connection of this.connectionsFor(options)) {
      if (!resumable && connection.session) this.sessions.delete(connection.session.id);
      sendRaw(connection, { op: GatewayOp.InvalidSession, d: resumable });
    }
  }

  /** Drops every socket; with `forgetSessions` nothing can be resumed afterwards. */
  disconnectAll(forgetSessions: boolean): void {
    for (const connection of this.connections) {
      connection.closedByServer = true;
      connection.socket.terminate();
    }
    if (forgetSessions) this.sessions.clear();
  }

  async close(): Promise<void> {
    this.disconnectAll(true);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private sessionsFor(guildId: string | null): Session[] {
    return [...this.sessions.values()].filter(
      (session) => session.shard[0] === (guildId ? shardForGuild(guildId, session.shard[1]) : 0),
    );
  }

  private connectionsFor(filter: ShardFilter): Connection[] {
    return [...this.connections].filter(
      (connection) => filter.shardId === undefined || connection.session?.shard[0] === filter.shardId,
    );
  }

  private onConnection(socket: WebSocket): void {
    const connection: Connection = { socket, session: null, closedByServer: false };
    this.connections.add(connection);
    socket.on('message', (data) => this.onMessage(connection, data));
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('error', () => socket.terminate());
    sendRaw(connection, { op: GatewayOp.Hello, d: { heartbeat_interval: this.config.heartbeatIntervalMs } });
  }

  private onMessage(connection: Connection, data: RawData): void {
    const payload = parseJson(data);
    if (!isRecord(payload)) {
      this.refuse(connection, [CloseCode.DecodeError, 'Error while decoding payload.']);
      return;
    }
    const d = isRecord(payload.d) ? payload.d : {};
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        sendRaw(connection, { op: GatewayOp.HeartbeatAck });
        break;
      case GatewayOp.Identify:
        this.identify(connection, d);
        break;
      case GatewayOp.Resume:
        this.resume(connection, d);
        break;
      case GatewayOp.RequestGuildMembers:
        this.requestGuildMembers(connection, d);
        break;
      case GatewayOp.PresenceUpdate:
      case GatewayOp.VoiceStateUpdate:
        if (!connection.session) this.refuse(connection, [CloseCode.NotAuthenticated, 'Not authenticated.']);
        break;
      default:
        this.refuse(connection, [CloseCode.UnknownOpcode, 'Unknown opcode.']);
    }
  }

  /** Why an IDENTIFY is refused (close code and reason), or null. */
  private identifyRefusal(connection: Connection, d: Record<string, unknown>): [number, string] | null {
    if (connection.session) return [CloseCode.AlreadyAuthenticated, 'Already authenticated.'];
    if (stripBot(d.token) !== this.config.token)
      return [CloseCode.AuthenticationFailed, 'Authentication failed.'];
    const [shardId, shardCount] = Array.isArray(d.shard) ? d.shard : [0, 1];
    const validShard =
      typeof shardId === 'number' && typeof shardCount === 'number' && shardId >= 0 && shardId < shardCount;
    if (!validShard) return [CloseCode.InvalidShard, 'Invalid shard.'];
    if (typeof d.intents !== 'number' || d.intents < 0)
      return [CloseCode.InvalidIntents, 'Invalid intent(s).'];
    if ((d.intents & this.config.disallowedIntents) !== 0)
      return [CloseCode.DisallowedIntents, 'Disallowed intent(s).'];
    return null;
  }

  private identify(connection: Connection, d: Record<string, unknown>): void {
    const refusal = this.identifyRefusal(connection, d);
    if (refusal) {
      this.refuse(connection, refusal);
      return;
    }
    const [shardId, shardCount] = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
    // A fresh identify replaces whatever older session this shard had.
    for (const [id, old] of this.sessions) {
      if (old.shard[0] === shardId && old.shard[1] === shardCount) this.sessions.delete(id);
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      shard: [shardId, shardCount],
      intents: d.intents as number,
      seq: 0,
      buffer: [],
      connection,
    };
    this.sessions.set(session.id, session);
    connection.session = session;
    this.send(session, 'READY', this.config.ready(info(session)));
    if ((session.intents & Intent.Guilds) !== 0) {
      for (const guild of this.config.guildCreates(info(session))) this.send(session, 'GUILD_CREATE', guild);
    }
    this.emit('identified', info(session));
  }

  private resume(connection: Connection, d: Record<string, unknown>): void {
    if (stripBot(d.token) !== this.config.token) {
      this.refuse(connection, [CloseCode.AuthenticationFailed, 'Authentication failed.']);
      return;
    }
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    // Resumable only if every event after `seq` is still in the buffer.
    if (!session || seq > session.seq || seq < (session.buffer[0]?.s ?? 1) - 1) {
      if (session) this.sessions.delete(session.id);
      sendRaw(connection, { op: GatewayOp.InvalidSession, d: false });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection) {
      previous.closedByServer = true;
      previous.session = null;
      previous.socket.terminate();
    }
    session.connection = connection;
    connection.session = session;
    for (const event of session.buffer) {
      if (event.s > seq) sendRaw(connection, { op: GatewayOp.Dispatch, s: event.s, t: event.t, d: event.d });
    }
    this.send(session, 'RESUMED', { _trace: ['simulator'] });
    this.emit('resumed', info(session));
  }

  private requestGuildMembers(connection: Connection, d: Record<string, unknown>): void {
    const session = connection.session;
    if (!session) {
      this.refuse(connection, [CloseCode.NotAuthenticated, 'Not authenticated.']);
      return;
    }
    const guildIds = Array.isArray(d.guild_id) ? d.guild_id : [d.guild_id];
    for (const guildId of guildIds) {
      if (typeof guildId !== 'string') continue;
      this.send(session, 'GUILD_MEMBERS_CHUNK', {
        guild_id: guildId,
        members: this.config.guildMembers(guildId),
        chunk_index: 0,
        chunk_count: 1,
        not_found: [],
        ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
      });
    }
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    // A client closing with 1000/1001 ends its session; other closes keep it resumable.
    if (!connection.closedByServer && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
  }

  private send(session: Session, type: string, data: unknown): void {
    session.seq++;
    session.buffer.push({ s: session.seq, t: type, d: data });
    if (session.buffer.length > this.config.resumeBufferSize) session.buffer.shift();
    if (session.connection)
      sendRaw(session.connection, { op: GatewayOp.Dispatch, s: session.seq, t: type, d: data });
  }

  private refuse(connection: Connection, [code, reason]: [number, string]): void {
    connection.closedByServer = true;
    connection.socket.close(code, reason);
  }
}

function sendRaw(connection: Connection, payload: Record<string, unknown>): void {
  if (connection.socket.readyState === connection.socket.OPEN) {
    connection.socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }
}

function parseJson(data: RawData): unknown {
  try {
    return JSON.parse(data.toString());
  } catch {
    return undefined;
  }
}

function stripBot(token: unknown): string {
  return typeof token === 'string' ? token.replace(/^Bot\s+/i, '') : '';
}

function info(session: Session): GatewaySessionInfo {
  return {
    id: session.id,
    shardId: session.shard[0],
    shardCount: session.shard[1],
    intents: session.intents,
    connected: session.connection !== null,
    seq: session.seq,
  };
}
