import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/infra/config.ts';
import { startHealthServer, type HealthServerOptions } from '../../../src/infra/health-server.ts';
import { createMetrics, type Metrics } from '../../../src/infra/metrics.ts';

const running: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(overrides: Partial<HealthServerOptions> = {}) {
  const metrics: Metrics = overrides.metrics ?? createMetrics();
  const server = await startHealthServer({
    port: 0,
    metrics,
    health: async () => ({ ok: true, details: { database: 'ok' } }),
    ...overrides,
  });
  running.push(server);
  return { ...server, metrics, url: (path: string) => `http://127.0.0.1:${server.port}${path}` };
}

describe('health server', () => {
  it('listens on an ephemeral port on 127.0.0.1 and logs where', async () => {
    const logs: string[] = [];
    const server = await start({ log: (msg) => logs.push(msg) });
    expect(server.port).toBeGreaterThan(0);
    expect(logs.join('\n')).toContain(`127.0.0.1:${server.port}`);
  });

  it('serves the metrics that were recorded, in Prometheus text', async () => {
    const server = await start();
    server.metrics.reminderSent({ kind: 'now', target: 'dm', late: false, lagMs: 100 });
    server.metrics.reminderSent({ kind: 'now', target: 'dm', late: false, lagMs: 3000 });
    server.metrics.reminderSent({ kind: 'closing', target: 'channel', late: true, lagMs: 90_000 });
    server.metrics.commandObserved({ command: 'preorder start', outcome: 'forbidden', ms: 4 });

    const res = await fetch(server.url('/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = (await res.text()).split('\n');
    expect(lines).toContain('preorder_pal_reminders_sent_total{kind="now",target="dm",late="false"} 2');
    expect(lines).toContain('preorder_pal_reminders_sent_total{kind="closing",target="channel",late="true"} 1');
    expect(lines).toContain('preorder_pal_reminders_late_total{kind="closing"} 1');
    expect(lines).toContain('preorder_pal_reminder_delivery_lag_seconds_count{target="dm"} 2');
    expect(lines).toContain('preorder_pal_reminder_delivery_lag_seconds_bucket{le="1",target="dm"} 1');
    expect(lines).toContain('preorder_pal_commands_total{command="preorder start",outcome="forbidden"} 1');
    expect(lines).toContain('preorder_pal_command_duration_seconds_count{command="preorder start"} 1');
    expect(lines.some((line) => line.startsWith('process_cpu_user_seconds_total'))).toBe(true);
  });

  it('ignores a query string', async () => {
    const server = await start();
    expect((await fetch(server.url('/metrics?name[]=x'))).status).toBe(200);
    expect((await fetch(server.url('/healthz?full=1'))).status).toBe(200);
  });

  it('answers /healthz with 200 and the details when healthy', async () => {
    const server = await start({ health: async () => ({ ok: true, details: { database: 'ok', reminders: 3 } }) });
    const res = await fetch(server.url('/healthz'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', reminders: 3 });
  });

  it('answers /healthz with 503 and the details when unhealthy; details cannot overwrite the status', async () => {
    const server = await start({
      health: async () => ({ ok: false, details: { database: 'unreachable', status: 'ok' } }),
    });
    const res = await fetch(server.url('/healthz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  });

  it('answers 503 with the message only when the health check throws or rejects', async () => {
    const error = new Error('database ping failed');
    const throwing = await start({
      health: () => {
        throw error;
      },
    });
    const rejecting = await start({ health: async () => Promise.reject(error) });
    for (const server of [throwing, rejecting]) {
      const res = await fetch(server.url('/healthz'));
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ status: 'unavailable', error: 'database ping failed' });
      expect(text).not.toContain('health-server.test');
      expect(text).not.toMatch(/\bat /);
    }
  });

  it('answers 503 when the health check does not settle in time', async () => {
    const server = await start({ health: () => new Promise(() => {}), healthTimeoutMs: 20 });
    const res = await fetch(server.url('/healthz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', error: expect.stringMatching(/longer than/) });
  });

  it('answers 500 without detail when rendering metrics fails, and logs it', async () => {
    const logs: string[] = [];
    const broken: Metrics = {
      ...createMetrics(),
      render: async () => {
        throw new Error('registry exploded');
      },
    };
    const server = await start({ metrics: broken, log: (msg) => logs.push(msg) });
    const res = await fetch(server.url('/metrics'));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('exploded');
    expect(logs.join('\n')).toContain('registry exploded');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const server = await start();
    for (const path of ['/', '/health', '/metrics/x', '/HEALTHZ']) {
      const res = await fetch(server.url(path));
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      await res.text();
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      for (const path of ['/healthz', '/metrics']) {
        const res = await fetch(server.url(path), { method });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET');
        await res.text();
      }
    }
  });

  it('closes even with an idle keep-alive connection open', async () => {
    const server = await start();
    const agent = new Agent({ keepAlive: true });
    try {
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = request(server.url('/healthz'), { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);

      await server.close();
      await server.close(); // idempotent
    } finally {
      agent.destroy();
    }
  });

  it('closes even while a request is waiting on a health check that never settles', async () => {
    let called!: () => void;
    const healthCalled = new Promise<void>((resolve) => (called = resolve));
    const server = await start({
      health: () => {
        called();
        return new Promise(() => {});
      },
    });
    const pending = fetch(server.url('/healthz')).then(
      (res) => res.status,
      () => 'aborted',
    );
    await healthCalled;
    await server.close();
    expect(await pending).toBe('aborted');
  });

  it('rejects when the port is taken', async () => {
    const first = await start();
    await expect(
      startHealthServer({ port: first.port, metrics: first.metrics, health: async () => ({ ok: true, details: {} }) }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it('runs two servers with separate metrics side by side', async () => {
    const a = await start();
    const b = await start();
    a.metrics.remindersMissed(4);
    const ta = await (await fetch(a.url('/metrics'))).text();
    const tb = await (await fetch(b.url('/metrics'))).text();
    expect(ta.split('\n')).toContain('preorder_pal_reminders_missed_total 4');
    expect(tb.split('\n')).toContain('preorder_pal_reminders_missed_total 0');
  });
});

describe('HEALTH_PORT and HEALTH_HOST configuration', () => {
  it('leaves the health server off by default and listens on 127.0.0.1', () => {
    const config = loadConfig({});
    expect(config.HEALTH_PORT).toBeUndefined();
    expect(config.HEALTH_HOST).toBe('127.0.0.1');
  });

  it('treats an empty HEALTH_PORT as unset', () => {
    expect(loadConfig({ HEALTH_PORT: '' }).HEALTH_PORT).toBeUndefined();
    expect(loadConfig({ HEALTH_PORT: '  ' }).HEALTH_PORT).toBeUndefined();
  });

  it('reads HEALTH_PORT as a number and HEALTH_HOST as given', () => {
    expect(loadConfig({ HEALTH_PORT: '9464', HEALTH_HOST: '0.0.0.0' })).toMatchObject({
      HEALTH_PORT: 9464,
      HEALTH_HOST: '0.0.0.0',
    });
    expect(loadConfig({ HEALTH_PORT: ' 1 ', HEALTH_HOST: '::' })).toMatchObject({ HEALTH_PORT: 1, HEALTH_HOST: '::' });
    expect(loadConfig({ HEALTH_PORT: '65535' }).HEALTH_PORT).toBe(65535);
  });

  it.each(['abc', '70000', '0', '-1', '80.5', '1e3', '65536'])('stops on HEALTH_PORT=%s, naming it', (value) => {
    let error: unknown;
    try {
      loadConfig({ HEALTH_PORT: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('HEALTH_PORT');
    expect((error as Error).message).toMatch(/1 to 65535/);
  });

  it('stops on a HEALTH_HOST that is not an address, naming it', () => {
    expect(() => loadConfig({ HEALTH_HOST: 'http://0.0.0.0/' })).toThrow(/HEALTH_HOST[\s\S]*0\.0\.0\.0/);
  });
});
