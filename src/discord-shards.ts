import { fileURLToPath } from 'node:url';
import { ShardingManager, type Shard } from 'discord.js';
import { loadConfigOrExit, type Config } from './infra/config.ts';
import { createLogger } from './infra/logger.ts';

/**
 * `npm run start:sharded`: Discord past 2,500 servers, where one gateway connection may not serve
 * them all. discord.js's ShardingManager runs `src/main.ts` once per shard as a child process;
 * each child is a whole bot (its shard's interactions, a reminder sweeper, the database), and
 * the sweepers share the work through PostgreSQL's SKIP LOCKED claims.
 */

/** Variables a child must not inherit: one Slack receiver or health port per machine, not per shard. */
const NOT_PER_SHARD = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'HEALTH_PORT'];

/** Discord's recommended shard count, asked of the configured API (so a proxy or a test server works). */
async function recommendedShards(config: Config): Promise<number> {
  const res = await fetch(`${config.DISCORD_API_URL.replace(/\/$/, '')}/v10/gateway/bot`, {
    headers: { authorization: `Bot ${config.DISCORD_TOKEN}` },
  });
  if (!res.ok) throw new Error(`Discord answered ${res.status} when asked for the recommended shard count`);
  const body = (await res.json()) as { shards?: number };
  return Math.max(1, Number(body.shards) || 1);
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  if (!config.DISCORD_TOKEN) {
    process.stderr.write('start:sharded runs the Discord adapter: set DISCORD_TOKEN and DISCORD_APPLICATION_ID.\n');
    process.exit(1);
  }
  const total = config.DISCORD_SHARD_COUNT ?? (await recommendedShards(config));
  if (total > 1 && !/^postgres(ql)?:\/\//.test(config.DATABASE_URL ?? '')) {
    process.stderr.write(
      `DATABASE_URL: ${total} shard processes need one shared PostgreSQL (postgresql://…); embedded PGlite belongs to one process.\n`,
    );
    process.exit(1);
  }
  for (const name of NOT_PER_SHARD) {
    if (process.env[name])
      logger.warn(
        { variable: name },
        'not passed to the shard processes; run Slack or /healthz in a process of its own',
      );
    // Empty, not deleted: each shard reads .env again, which would bring a deleted one back,
    // while an empty value stays and means "unset" to the config.
    process.env[name] = '';
  }

  const manager = new ShardingManager(fileURLToPath(new URL('./main.ts', import.meta.url)), {
    token: config.DISCORD_TOKEN,
    totalShards: total,
    execArgv: process.execArgv,
    respawn: true,
  });
  manager.on('shardCreate', (shard: Shard) => {
    shard.on('death', () => logger.warn({ shard: shard.id }, 'shard process exited; respawning'));
  });

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    // Each child stops its own way (commands, then its sweeper's batch, then the database).
    await Promise.all(
      manager.shards.map(
        (shard) =>
          new Promise<void>((resolve) => {
            const child = shard.process;
            if (!child || child.exitCode !== null) return resolve();
            child.removeAllListeners('exit');
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    process.exit(0);
  };
  // shutdown never rejects (it only waits for the children to exit); the catch says so to the linter too.
  const stop = () => {
    shutdown().catch(() => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  await manager.spawn({ amount: total });
  process.stdout.write(`Discord: ${total} shard${total === 1 ? '' : 's'} running. Stop with SIGINT or SIGTERM.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`start:sharded failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
