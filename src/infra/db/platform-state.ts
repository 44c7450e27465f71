import type { TicketStateStore } from '../../app/ports.ts';
import type { PrismaClient } from './generated/client.ts';

/** Key-value facts adapters keep across boots (e.g. the hash of the registered command set). */
export class PrismaPlatformState implements TicketStateStore {
  constructor(private readonly prisma: PrismaClient) {}

  async get(key: string): Promise<string | null> {
    const row = await this.prisma.platformState.findUnique({ where: { key } });
    return row?.value ?? null;
  }

  async set(key: string, value: string, now: Date): Promise<void> {
    await this.prisma.platformState.upsert({
      where: { key },
      create: { key, value, updatedAt: now },
      update: { value, updatedAt: now },
    });
  }

  async take(key: string): Promise<string | null> {
    // One statement: two concurrent takes cannot both see the row.
    const rows = await this.prisma.$queryRawUnsafe<{ value: string }[]>(
      'DELETE FROM "platform_state" WHERE "key" = $1 RETURNING "value"',
      key,
    );
    return rows[0]?.value ?? null;
  }

  async removeOlder(prefix: string, before: Date): Promise<number> {
    const { count } = await this.prisma.platformState.deleteMany({
      where: { key: { startsWith: prefix }, updatedAt: { lt: before } },
    });
    return count;
  }
}
