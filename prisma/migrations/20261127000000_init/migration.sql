-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('console', 'discord', 'slack');

-- CreateEnum
CREATE TYPE "Marketplace" AS ENUM ('US', 'UK');

-- CreateEnum
CREATE TYPE "Printer" AS ENUM ('kdp', 'createspace', 'ingramspark', 'lightningsource');

-- CreateEnum
CREATE TYPE "CampaignState" AS ENUM ('active', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('done', 'skipped');

-- CreateTable
CREATE TABLE "communities" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "default_time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "announcement_channel_id" TEXT,
    "moderator_role_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "communities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "members" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "external_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "time_zone" TEXT,
    "dm_reminders" BOOLEAN NOT NULL DEFAULT true,
    "quiet_hours_start" INTEGER,
    "quiet_hours_end" INTEGER,
    "dms_closed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "isbn13" CHAR(13) NOT NULL,
    "isbn10" CHAR(10),
    "marketplace" "Marketplace" NOT NULL,
    "printer" "Printer" NOT NULL,
    "time_zone" TEXT NOT NULL,
    "release_date" DATE NOT NULL,
    "state" "CampaignState" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "milestone_progress" (
    "id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "milestone_id" TEXT NOT NULL,
    "status" "MilestoneStatus" NOT NULL,
    "marked_at" TIMESTAMP(3) NOT NULL,
    "marked_by" TEXT NOT NULL,

    CONSTRAINT "milestone_progress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "community_id" TEXT,
    "campaign_id" TEXT,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "communities_platform_external_id_key" ON "communities"("platform", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "members_platform_external_id_key" ON "members"("platform", "external_id");

-- CreateIndex
CREATE INDEX "campaigns_community_id_state_release_date_idx" ON "campaigns"("community_id", "state", "release_date");

-- CreateIndex
CREATE INDEX "campaigns_member_id_state_idx" ON "campaigns"("member_id", "state");

-- CreateIndex
CREATE UNIQUE INDEX "milestone_progress_campaign_id_milestone_id_key" ON "milestone_progress"("campaign_id", "milestone_id");

-- CreateIndex
CREATE INDEX "audit_log_campaign_id_at_idx" ON "audit_log"("campaign_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_community_id_at_idx" ON "audit_log"("community_id", "at");

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone_progress" ADD CONSTRAINT "milestone_progress_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Constraints Prisma's schema language cannot express. Prisma neither generates nor reads CHECK
-- constraints or partial indexes, so they live only here; test/integration/schema-drift.test.ts
-- allow-lists each of them by name. Keep names stable: repositories may match on them.
-- ---------------------------------------------------------------------------------------------

-- Identifiers from Discord/Slack and the names shown back to people are never empty: an empty
-- string would silently match "no value" in lookups and render as nothing in chat.
ALTER TABLE "communities" ADD CONSTRAINT "communities_external_id_check" CHECK (char_length("external_id") > 0);
ALTER TABLE "communities" ADD CONSTRAINT "communities_default_time_zone_check" CHECK (char_length("default_time_zone") > 0);
ALTER TABLE "members" ADD CONSTRAINT "members_external_id_check" CHECK (char_length("external_id") > 0);
ALTER TABLE "members" ADD CONSTRAINT "members_display_name_check" CHECK (char_length("display_name") > 0);
ALTER TABLE "members" ADD CONSTRAINT "members_time_zone_check" CHECK ("time_zone" IS NULL OR char_length("time_zone") > 0);
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_time_zone_check" CHECK (char_length("time_zone") > 0);
ALTER TABLE "milestone_progress" ADD CONSTRAINT "milestone_progress_marked_by_check" CHECK (char_length("marked_by") > 0);

-- Quiet hours are whole hours of the member's local day.
ALTER TABLE "members" ADD CONSTRAINT "members_quiet_hours_start_check" CHECK ("quiet_hours_start" IS NULL OR "quiet_hours_start" BETWEEN 0 AND 23);
ALTER TABLE "members" ADD CONSTRAINT "members_quiet_hours_end_check" CHECK ("quiet_hours_end" IS NULL OR "quiet_hours_end" BETWEEN 0 AND 23);

-- ISBNs are stored normalised (no hyphens, upper-case X) so equality and the partial unique
-- index below compare like with like. CHAR pads short values with spaces, which the regex rejects.
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_isbn13_check" CHECK ("isbn13" ~ '^97[89][0-9]{10}$');
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_isbn10_check" CHECK ("isbn10" IS NULL OR "isbn10" ~ '^[0-9]{9}[0-9X]$');

-- Same limit as TITLE_MAX_LENGTH in src/core/title.ts; counts characters, not bytes.
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_title_check" CHECK (char_length("title") BETWEEN 1 AND 200);

-- The database's copy of MILESTONE_IDS in src/core/types.ts (schema.prisma keeps milestoneId a
-- plain String so the list has one owner in code). Adding a milestone means a new migration that
-- replaces this constraint; schema-drift.test.ts fails until the two lists agree.
ALTER TABLE "milestone_progress" ADD CONSTRAINT "milestone_progress_milestone_id_check" CHECK ("milestone_id" IN ('aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy', 'listing-live', 'confirm-pos', 'kdp-publish', 'zero-out-pos', 'check-unconfirmed-pos', 'support-ticket', 'release-day', 'orders-transfer', 'close-aa-account', 'ingram-preorder-setup'));

-- A member runs at most one active campaign per book and marketplace in a community; finished
-- and cancelled ones may repeat. Prisma's @@unique cannot carry a WHERE clause.
CREATE UNIQUE INDEX "campaigns_one_active_per_isbn" ON "campaigns"("community_id", "member_id", "isbn13", "marketplace") WHERE "state" = 'active';
