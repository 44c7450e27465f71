import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Socket Mode's server side: `apps.connections.open` hands out this websocket's URL; on connect it
 * says hello; `send` delivers an envelope and resolves with the app's ack payload.
 */
export class FakeSlackSocket {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly pending = new Map<string, (payload: Record<string, unknown>) => void>();
  private client: WebSocket | null = null;
  connections = 0;

  attach(server: Server): void {
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  url(base: string): string {
    return `${base.replace(/^http/, 'ws')}/socket?ticket=${randomUUID()}`;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  /** Sends an envelope (`slash_commands`, `interactive`, `events_api`) and waits for its ack. */
  async send(type: string, payload: Record<string, unknown>, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    const client = this.client;
    if (!client) throw new Error('no Socket Mode client is connected');
    const id = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ack for ${type} envelope within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.pending.set(id, (body) => {
        clearTimeout(timer);
        resolve(body);
      });
    });
    client.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type !== 'events_api' }));
    return acked;
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.client = ws;
    this.connections += 1;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (message.envelope_id) this.pending.get(message.envelope_id)?.(message.payload ?? {});
      if (message.envelope_id) this.pending.delete(message.envelope_id);
    });
    ws.on('close', () => {
      if (this.client === ws) this.client = null;
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0PALTEST' } }));
  }
}
