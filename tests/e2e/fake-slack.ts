import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One Web API call (or response_url post) as the stand-in saw it. */
export type RecordedCall = { method: string; params: Record<string, unknown>; at: number };

export type FakeUser = {
  id: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  name?: string;
  deleted?: boolean;
  is_bot?: boolean;
};

/** A message the stand-in accepted, as `conversations.history` returns it. */
export type StoredMessage = {
  ts: string;
  user: string;
  text?: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** A file shared by `files.completeUploadExternal`. */
  files?: { id: string; name: string; title?: string }[];
};

/**
 * A reply the test scripts for one call: a Slack JSON body, or a raw HTTP status with headers.
 * `tookEffect`: Slack did the work (a message is posted) and only the reply is this status: a reply
 * lost after posting, as the bot sees it.
 */
export type Scripted =
  | { json: Record<string, unknown> }
  | { status: number; headers?: Record<string, string>; body?: string; tookEffect?: boolean };

/** `token`: the call's bearer token, which says whose workspace it is. */
type Script = (
  params: Record<string, unknown>,
  call: number,
  token: string | undefined,
) => Scripted | undefined;

/** A workspace that can install through OAuth: the code Slack would hand the browser, and what it grants. */
export type FakeWorkspace = {
  code: string;
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  installerUserId: string;
  /** Set to answer as an Enterprise Grid org-wide install. */
  enterpriseId?: string;
  /**
   * Token rotation: the install's bot token expires this many seconds after it is issued (on the
   * stand-in's clock), comes with a refresh token, and every exchange issues a new pair.
   */
  rotation?: { expiresInS: number };
};

/** A bot token the stand-in issued, and when it stops working (unix seconds; never without rotation). */
type IssuedToken = { workspace: FakeWorkspace; expiresAt: number | undefined };

/**
 * A stand-in for Slack's Web API on 127.0.0.1. It answers the methods rolecall calls, records every
 * call, and lets a test script failures (429 with Retry-After, 5xx, Slack errors) per method.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeUser>();
  channelMembers = new Map<string, string[]>();
  private readonly scripts = new Map<string, Script>();
  private readonly counts = new Map<string, number>();
  private readonly holds = new Map<string, Promise<void>>();
  private readonly replyHolds = new Map<string, Promise<void>>();
  /** Answers held back by `holdReplies`, not yet sent. */
  heldReplies = 0;
  /** Every message posted, by channel, oldest first: what the workspace would show. */
  readonly messages = new Map<string, StoredMessage[]>();
  private server: Server | undefined;
  private ts = 1_700_000_000;
  private seq = 0;
  private port = 0;
  /** While set, every Web API method answers this HTTP status (a Slack outage behind its load balancer). */
  private outageStatus: number | undefined;
  /** Workspaces that may install, by OAuth code; auth.test answers for each one's bot token. */
  private readonly workspaces: FakeWorkspace[] = [];
  private readonly tokens = new WeakMap<RecordedCall, string>();
  /** Tokens issued by installs and refreshes, and the refresh tokens still valid (each works once). */
  private readonly issued = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, FakeWorkspace>();
  private rotations = 0;
  url = "";
  /**
   * Scopes the bot token lacks: reading a conversation's history (or replies) then answers
   * `missing_scope`, as Slack does for an install older than the scope (`channels:history` for C…,
   * `groups:history` for G…, `im:history` for D…).
   */
  readonly missingScopes = new Set<string>();
  /** File names given to `files.getUploadURLExternal`, by file id, for the share message. */
  private readonly fileNames = new Map<string, string>();
  /**
   * The workspace's clock for the ts of posted messages (tests inject time); unset, ts count up
   * from 2023. `conversations.history`'s `oldest` is compared against these ts.
   */
  now: (() => Date) | undefined;

  /** Socket Mode connections the stand-in has accepted (each says hello and answers pings, nothing more). */
  readonly sockets = new Set<Socket>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on("upgrade", (req: IncomingMessage, socket: Socket) => this.acceptSocket(req, socket));
    await new Promise<void>((resolve) => this.server?.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (!this.server?.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Stops listening: every connection is refused (Slack unreachable) until `comeBack`. */
  async goDown(): Promise<void> {
    await this.stop();
  }

  /** Listens again on the same port and URL. */
  async comeBack(): Promise<void> {
    await this.start();
  }

  /** Every Web API method answers `status` until called again with undefined. */
  failAll(status: number | undefined): void {
    this.outageStatus = status;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Scripts the answers for one method; return undefined from the script to answer normally. */
  script(method: string, script: Script): void {
    this.scripts.set(method, script);
  }

  /** Holds every answer to a method until the returned release is called (a slow Slack). */
  hold(method: string): () => void {
    let release: () => void = () => {};
    this.holds.set(
      method,
      new Promise<void>((r) => {
        release = r;
      }),
    );
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  /**
   * Lets every call to a method take effect but withholds its answers until released: a Slack that
   * posted the message and whose reply has not reached the bot yet.
   */
  holdReplies(method: string): () => void {
    let release: () => void = () => {};
    this.replyHolds.set(
      method,
      new Promise<void>((r) => {
        release = r;
      }),
    );
    return () => {
      this.replyHolds.delete(method);
      release();
    };
  }

  /** The messages in a channel (`D…` for the bot's IM with a user) marked with an event type. */
  marked(channel: string, eventType: string): StoredMessage[] {
    return (this.messages.get(channel) ?? []).filter((m) => m.metadata?.event_type === eventType);
  }

  addWorkspace(workspace: FakeWorkspace): void {
    this.workspaces.push(workspace);
  }

  /** Revokes a workspace's refresh token: its next exchange gets `invalid_refresh_token`. */
  revokeRefreshToken(teamId: string): void {
    for (const [token, w] of this.refreshTokens) if (w.teamId === teamId) this.refreshTokens.delete(token);
  }

  /** The bearer token a recorded call was made with, if any. */
  tokenOf(call: RecordedCall): string | undefined {
    return this.tokens.get(call);
  }

  unscript(method: string): void {
    this.scripts.delete(method);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clear(): void {
    this.calls.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const params = parseParams(raw, req.headers["content-type"] ?? "");
    if (path.startsWith("/respond/")) {
      this.calls.push({ method: `respond:${path.slice("/respond/".length)}`, params, at: Date.now() });
      return send(res, 200, { ok: true });
    }
    if (path.startsWith("/upload/")) {
      this.calls.push({ method: "upload", params: { bytes: raw.length, id: path.slice(8) }, at: Date.now() });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("OK");
      return;
    }
    const method = path.replace(/^\/api\//, "");
    if (this.outageStatus !== undefined) {
      this.calls.push({ method, params, at: Date.now() });
      res.writeHead(this.outageStatus, { "content-type": "text/html" });
      res.end("<html>Service Unavailable</html>");
      return;
    }
    await this.holds.get(method);
    const n = (this.counts.get(method) ?? 0) + 1;
    this.counts.set(method, n);
    const call = { method, params, at: Date.now() };
    this.calls.push(call);
    const token = bearerToken(req) ?? (typeof params.token === "string" ? params.token : undefined);
    if (token) this.tokens.set(call, token);
    const issued = token ? this.issued.get(token) : undefined;
    if (issued?.expiresAt !== undefined && issued.expiresAt <= this.nowS()) {
      return send(res, 200, { ok: false, error: "token_expired" });
    }
    const scripted = this.scripts.get(method)?.(params, n, token);
    if (scripted) {
      if ("json" in scripted) return send(res, 200, scripted.json);
      if (scripted.tookEffect) this.answer(method, params, token);
      res.writeHead(scripted.status, { "content-type": "application/json", ...scripted.headers });
      res.end(scripted.body ?? JSON.stringify({ ok: false, error: "scripted" }));
      return;
    }
    const answer = this.answer(method, params, token);
    const held = this.replyHolds.get(method);
    if (held) {
      this.heldReplies++;
      await held;
      this.heldReplies--;
    }
    if (!res.destroyed) send(res, 200, answer);
  }

  /**
   * Socket Mode's WebSocket, as little of it as Bolt needs to start: the handshake, Slack's `hello`,
   * a pong for each ping and a close for a close. No events are ever sent over it.
   */
  private acceptSocket(req: IncomingMessage, socket: Socket): void {
    const key = String(req.headers["sec-websocket-key"] ?? "");
    const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    const hello = { type: "hello", num_connections: 1, connection_info: { app_id: "A0ROLECALL" } };
    socket.write(wsFrame(0x1, Buffer.from(JSON.stringify(hello))));
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let frame = readWsFrame(pending); frame; frame = readWsFrame(pending)) {
        pending = pending.subarray(frame.length);
        if (frame.opcode === 0x9) socket.write(wsFrame(0xa, frame.payload));
        if (frame.opcode === 0x8) socket.end(wsFrame(0x8, frame.payload));
      }
    });
  }

  private nowS(): number {
    return Math.floor((this.now?.() ?? new Date()).getTime() / 1000);
  }

  /** Records a token issued for `w` (expiring only with rotation) and its refresh token, if any. */
  private issue(w: FakeWorkspace, token: string): { refresh_token?: string; expires_in?: number } {
    const expiresIn = w.rotation?.expiresInS;
    this.issued.set(token, {
      workspace: w,
      expiresAt: expiresIn === undefined ? undefined : this.nowS() + expiresIn,
    });
    if (expiresIn === undefined) return {};
    this.rotations += 1;
    const refresh = `xoxe-1-${w.teamId}-${this.rotations}`;
    this.refreshTokens.set(refresh, w);
    return { refresh_token: refresh, expires_in: expiresIn };
  }

  /** oauth.v2.access with grant_type=refresh_token: a new pair, and the refresh token used is revoked. */
  private refresh(params: Record<string, unknown>): Record<string, unknown> {
    const used = String(params.refresh_token ?? "");
    const w = this.refreshTokens.get(used);
    if (!w) return { ok: false, error: "invalid_refresh_token" };
    this.refreshTokens.delete(used);
    const token = `${w.botToken}-rotated-${this.rotations + 1}`;
    return {
      ok: true,
      app_id: "A0ROLECALL",
      token_type: "bot",
      access_token: token,
      scope: "commands,chat:write,im:write,users:read,files:write,channels:read,groups:read",
      bot_user_id: w.botUserId,
      team: { id: w.teamId, name: w.teamName },
      enterprise: null,
      is_enterprise_install: false,
      ...this.issue(w, token),
    };
  }

  private nextTs(): string {
    this.seq += 1;
    if (!this.now) {
      this.ts += 1;
      return `${this.ts}.000100`;
    }
    return `${Math.floor(this.now().getTime() / 1000)}.${String(this.seq % 1_000_000).padStart(6, "0")}`;
  }

  /** Slack opens the bot's IM itself when a message is posted to a user id. */
  private imOf(channel: string): string | undefined {
    if (!/^[UW]/.test(channel)) return channel;
    return this.users.has(channel) ? `D${channel}` : undefined;
  }

  private post(params: Record<string, unknown>): Record<string, unknown> {
    const channel = this.imOf(String(params.channel ?? ""));
    if (!channel) return { ok: false, error: "channel_not_found" };
    const ts = this.nextTs();
    const meta = params.metadata as StoredMessage["metadata"] | undefined;
    const message: StoredMessage = {
      ts,
      user: "UBOT",
      ...(typeof params.text === "string" ? { text: params.text } : {}),
      ...(typeof params.thread_ts === "string" ? { thread_ts: params.thread_ts } : {}),
      ...(meta?.event_type ? { metadata: meta } : {}),
    };
    this.messages.set(channel, [...(this.messages.get(channel) ?? []), message]);
    return { ok: true, channel, ts, message: { ...message, type: "message" } };
  }

  /** The history scope a conversation needs, by its id's first letter. */
  private historyScope(channel: string): string {
    return channel.startsWith("G")
      ? "groups:history"
      : channel.startsWith("D")
        ? "im:history"
        : "channels:history";
  }

  /** Newest first, from `oldest` (exclusive, as Slack reads it), `limit` a page, cursor an offset. */
  private history(params: Record<string, unknown>): Record<string, unknown> {
    const channel = String(params.channel ?? "");
    const needed = this.historyScope(channel);
    if (this.missingScopes.has(needed)) return { ok: false, error: "missing_scope", needed };
    const all = this.messages.get(channel);
    if (!all) return { ok: true, messages: [], has_more: false };
    const oldest = Number(params.oldest ?? 0);
    const newestFirst = all.filter((m) => Number(m.ts) > oldest && !m.thread_ts).reverse();
    return this.page(newestFirst, params);
  }

  /** A thread: its parent, then its replies oldest first, from `oldest`; as `conversations.replies`. */
  private replies(params: Record<string, unknown>): Record<string, unknown> {
    const channel = String(params.channel ?? "");
    const needed = this.historyScope(channel);
    if (this.missingScopes.has(needed)) return { ok: false, error: "missing_scope", needed };
    const ts = String(params.ts ?? "");
    const all = this.messages.get(channel) ?? [];
    const parent = all.find((m) => m.ts === ts);
    if (!parent) return { ok: false, error: "thread_not_found" };
    const oldest = Number(params.oldest ?? 0);
    const replies = all.filter((m) => m.thread_ts === ts && Number(m.ts) > oldest);
    return this.page([parent, ...replies], params);
  }

  private page(list: StoredMessage[], params: Record<string, unknown>): Record<string, unknown> {
    const withMeta = params.include_all_metadata === true || params.include_all_metadata === "true";
    const from = Number(params.cursor ?? 0) || 0;
    const limit = Math.max(1, Number(params.limit ?? 100));
    const page = list.slice(from, from + limit).map((m) => {
      const { metadata, ...rest } = m;
      return { type: "message", ...rest, ...(withMeta && metadata ? { metadata } : {}) };
    });
    const more = from + limit < list.length;
    return {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? String(from + limit) : "" },
    };
  }

  /** The channel shows a shared file as a message from the bot, as Slack does. */
  private shareFiles(params: Record<string, unknown>): void {
    const channel = typeof params.channel_id === "string" ? params.channel_id : undefined;
    const files = (params.files as { id: string; title?: string }[] | undefined) ?? [];
    if (!channel || files.length === 0) return;
    const message: StoredMessage = {
      ts: this.nextTs(),
      user: "UBOT",
      files: files.map((f) => ({
        id: f.id,
        name: this.fileNames.get(f.id) ?? f.id,
        ...(f.title ? { title: f.title } : {}),
      })),
    };
    this.messages.set(channel, [...(this.messages.get(channel) ?? []), message]);
  }

  private answer(method: string, params: Record<string, unknown>, token?: string): Record<string, unknown> {
    const installed =
      (token && this.issued.get(token)?.workspace) || this.workspaces.find((w) => w.botToken === token);
    switch (method) {
      case "oauth.v2.access": {
        if (params.grant_type === "refresh_token") return this.refresh(params);
        const w = this.workspaces.find((x) => x.code === params.code);
        if (!w) return { ok: false, error: "invalid_code" };
        const org = w.enterpriseId !== undefined;
        return {
          ok: true,
          app_id: "A0ROLECALL",
          authed_user: { id: w.installerUserId },
          scope: "commands,chat:write,im:write,users:read,files:write,channels:read,groups:read",
          token_type: "bot",
          access_token: w.botToken,
          bot_user_id: w.botUserId,
          team: org ? null : { id: w.teamId, name: w.teamName },
          enterprise: org ? { id: w.enterpriseId, name: "Grid" } : null,
          is_enterprise_install: org,
          ...this.issue(w, w.botToken),
        };
      }
      case "auth.test":
        if (installed) {
          return {
            ok: true,
            url: `https://${installed.teamName.toLowerCase()}.slack.com/`,
            team: installed.teamName,
            team_id: installed.teamId,
            user: "rolecall",
            user_id: installed.botUserId,
            bot_id: installed.botId,
          };
        }
        return {
          ok: true,
          url: "https://acme.slack.com/",
          team: "Acme",
          team_id: "T0ACME",
          user: "rolecall",
          user_id: "UBOT",
          bot_id: "BBOT",
        };
      case "users.info": {
        const user = this.users.get(String(params.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name ?? user.id.toLowerCase(),
            real_name: user.name ?? user.id,
            deleted: user.deleted ?? false,
            tz: user.tz ?? "America/New_York",
            is_admin: user.is_admin ?? false,
            is_owner: user.is_owner ?? false,
            is_bot: user.is_bot ?? false,
            profile: { display_name: user.name ?? "" },
          },
        };
      }
      case "conversations.open": {
        const users = String(params.users ?? "");
        if (!this.users.has(users)) return { ok: false, error: "user_not_found" };
        return { ok: true, channel: { id: `D${users}` } };
      }
      case "conversations.members": {
        const members = this.channelMembers.get(String(params.channel)) ?? [];
        return { ok: true, members, response_metadata: { next_cursor: "" } };
      }
      case "apps.connections.open":
        return { ok: true, url: `${this.url.replace(/^http/, "ws")}/socket-mode` };
      case "chat.postMessage":
        return this.post(params);
      case "conversations.history":
        return this.history(params);
      case "conversations.replies":
        return this.replies(params);
      case "chat.postEphemeral":
      case "chat.update":
        this.ts += 1;
        return {
          ok: true,
          channel: params.channel,
          ts: params.ts ?? `${this.ts}.000100`,
          message_ts: `${this.ts}.000100`,
        };
      case "views.publish":
      case "views.open":
      case "views.update":
      case "views.push":
        return { ok: true, view: { id: "V1", ...(params.view as object) } };
      case "files.getUploadURLExternal":
        this.ts += 1;
        if (typeof params.filename === "string") this.fileNames.set(`F${this.ts}`, params.filename);
        return { ok: true, upload_url: `${this.url}/upload/F${this.ts}`, file_id: `F${this.ts}` };
      case "files.completeUploadExternal":
        this.shareFiles(params);
        return {
          ok: true,
          files: (params.files as { id: string }[] | undefined)?.map((f) => ({ id: f.id })) ?? [],
        };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

/** One unmasked WebSocket frame (a server's frames are never masked). */
function wsFrame(opcode: number, payload: Buffer): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

/** The first whole frame a client sent (masked, as clients must), or undefined until it has all arrived. */
function readWsFrame(buf: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = (buf[0] as number) & 0x0f;
  const masked = ((buf[1] as number) & 0x80) !== 0;
  let size = (buf[1] as number) & 0x7f;
  let at = 2;
  if (size === 126) {
    if (buf.length < 4) return undefined;
    size = buf.readUInt16BE(2);
    at = 4;
  } else if (size === 127) {
    if (buf.length < 10) return undefined;
    size = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  const mask = masked ? buf.subarray(at, at + 4) : undefined;
  if (masked) at += 4;
  if (buf.length < at + size) return undefined;
  const payload = Buffer.from(buf.subarray(at, at + size));
  if (mask)
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return { opcode, payload, length: at + size };
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    req.on("error", reject);
  });
}

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes("application/json"))
    return JSON.parse(Buffer.from(raw, "latin1").toString("utf8"));
  if (!contentType.includes("x-www-form-urlencoded")) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(Buffer.from(raw, "latin1").toString("utf8"))) {
    // The WebClient JSON-encodes structured arguments (blocks, view) inside the form.
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
