-- CreateEnum
CREATE TYPE "ReminderState" AS ENUM ('pending', 'sending', 'sent', 'failed', 'cancelled', 'missed', 'skipped');

-- CreateEnum
CREATE TYPE "ReminderTarget" AS ENUM ('dm', 'channel', 'moderators');

-- AlterTable
ALTER TABLE "communities" ADD COLUMN     "digest_hour" INTEGER NOT NULL DEFAULT 9;

-- CreateTable
CREATE TABLE "reminders" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "community_id" TEXT NOT NULL,
    "campaign_id" TEXT,
    "member_id" TEXT,
    "milestone_id" TEXT,
    "kind" TEXT NOT NULL,
    "target" "ReminderTarget" NOT NULL,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "due_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3),
    "run_at" TIMESTAMP(3) NOT NULL,
    "state" "ReminderState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "delivered_via" TEXT,
    "redelivered" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "reminders_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reminders_key_key" ON "reminders"("key");

-- CreateIndex
CREATE INDEX "reminders_campaign_id_state_idx" ON "reminders"("campaign_id", "state");

-- CreateIndex
CREATE INDEX "reminders_member_id_state_idx" ON "reminders"("member_id", "state");

-- AddForeignKey
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- What Prisma's schema language cannot express (see the SQL_ONLY list in the schema-drift test).

ALTER TABLE "communities" ADD CONSTRAINT "communities_digest_hour_check" CHECK ("digest_hour" BETWEEN 0 AND 23);
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_key_check" CHECK (char_length("key") > 0);
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_attempts_check" CHECK ("attempts" >= 0);
-- A DM needs someone to send it to; a leased row needs its lease.
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_dm_member_check" CHECK ("target" <> 'dm' OR "member_id" IS NOT NULL);
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_lease_check" CHECK ("state" <> 'sending' OR ("lease_owner" IS NOT NULL AND "lease_until" IS NOT NULL));
-- kind and milestone_id are deliberately unchecked: during a rolling deploy an older process may
-- meet a kind a newer one wrote, and must fail that row visibly rather than refuse the insert.

-- The sweeper's two questions, "what is due?" and "whose lease ran out?", read only live rows, so
-- their cost follows what is due, not how many reminders exist.
CREATE INDEX "reminders_runnable" ON "reminders"("run_at") WHERE "state" = 'pending';
CREATE INDEX "reminders_leased" ON "reminders"("lease_until") WHERE "state" = 'sending';
