import type { PlatformStateStore } from '../../app/ports.ts';
import type { PrismaClient } from './generated/client.ts';

/** Key-value facts adapters keep across boots (e.g. the hash of the registered command set). */
export class PrismaPlatformState implements PlatformStateStore {
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
}
