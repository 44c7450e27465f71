-- Live calendar feeds, Discord release-day events and a thread per campaign (issue 16).

-- CreateTable: private subscription links, stored only as the SHA-256 of the token.
CREATE TABLE "calendar_feeds" (
    "id" TEXT NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "community_id" TEXT NOT NULL,
    "member_id" TEXT,
    "owner_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("id")
);

-- CreateTable: each calendar event's SEQUENCE, raised when its times or summary change.
CREATE TABLE "calendar_event_revisions" (
    "campaign_id" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "content_hash" CHAR(64) NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "calendar_event_revisions_pkey" PRIMARY KEY ("campaign_id","uid")
);

-- CreateTable
CREATE TABLE "community_channel_features" (
    "community_id" TEXT NOT NULL,
    "events_enabled" BOOLEAN NOT NULL DEFAULT false,
    "events_blocked_at" TIMESTAMP(3),
    "threads_enabled" BOOLEAN NOT NULL DEFAULT false,
    "threads_forum_id" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "community_channel_features_pkey" PRIMARY KEY ("community_id")
);

-- CreateTable
CREATE TABLE "campaign_threads" (
    "campaign_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_threads_pkey" PRIMARY KEY ("campaign_id")
);

-- CreateTable: no foreign key, so a forgotten campaign's event can still be found and deleted on Discord.
CREATE TABLE "campaign_release_events" (
    "campaign_id" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "content_hash" CHAR(64) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_release_events_pkey" PRIMARY KEY ("campaign_id")
);

-- CreateIndex
CREATE INDEX "campaign_release_events_community_id_idx" ON "campaign_release_events"("community_id");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feeds_community_id_owner_key_key" ON "calendar_feeds"("community_id", "owner_key");

-- AddForeignKey
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_event_revisions" ADD CONSTRAINT "calendar_event_revisions_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "community_channel_features" ADD CONSTRAINT "community_channel_features_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_threads" ADD CONSTRAINT "campaign_threads_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
