-- A plan that follows the member (issue 12): the print-files step, the daily PO check confirmed
-- day by day, whether a community chose its time zone, and which version of the reminder plan
-- each campaign's stored reminders were made by.

-- The new milestone id joins the allowed list (src/core/types.ts, MILESTONE_IDS).
ALTER TABLE "milestone_progress" DROP CONSTRAINT "milestone_progress_milestone_id_check";
ALTER TABLE "milestone_progress" ADD CONSTRAINT "milestone_progress_milestone_id_check" CHECK ("milestone_id" IN ('aa-account', 'aa-add-item', 'aa-images', 'aa-sales-copy', 'listing-live', 'confirm-pos', 'kdp-publish', 'zero-out-pos', 'check-unconfirmed-pos', 'support-ticket', 'release-day', 'orders-transfer', 'close-aa-account', 'ingram-preorder-setup', 'kdp-files-ready'));

-- CreateTable: one row per campaign and day (campaign zone) the member confirmed new POs.
CREATE TABLE "po_confirmations" (
    "campaign_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "confirmed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "po_confirmations_pkey" PRIMARY KEY ("campaign_id","day")
);

-- AddForeignKey
ALTER TABLE "po_confirmations" ADD CONSTRAINT "po_confirmations_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable: a zone someone chose (a moderator, or the operator's DEFAULT_TIMEZONE) versus the
-- UTC fallback; start asks the member for a zone rather than plan silently in the fallback.
ALTER TABLE "communities" ADD COLUMN "time_zone_chosen" BOOLEAN NOT NULL DEFAULT false;
UPDATE "communities" SET "time_zone_chosen" = true WHERE "default_time_zone" <> 'UTC';

-- AlterTable: campaigns planned by an older reminder policy are replanned by the sweeper.
ALTER TABLE "campaigns" ADD COLUMN "plan_version" INTEGER NOT NULL DEFAULT 0;
