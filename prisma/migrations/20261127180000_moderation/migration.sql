-- Moderators' view (issue 6): community post switches, paused reminders, the FAQ feedback loop
-- and members' own pre-order counts.

-- AlterTable
ALTER TABLE "communities" ADD COLUMN "muted_posts" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN "reminders_paused_at" TIMESTAMP(3),
ADD COLUMN "reminders_paused_by" TEXT;

-- CreateTable
CREATE TABLE "faq_questions" (
    "id" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "member_id" TEXT,
    "text" TEXT NOT NULL,
    "guessed_topic" TEXT,
    "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "asked_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolved_topic" TEXT,
    "resolved_by" TEXT,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "faq_questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "faq_aliases" (
    "id" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "faq_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "faq_answer_versions" (
    "id" BIGSERIAL NOT NULL,
    "community_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "text" TEXT,
    "edited_by" TEXT,
    "edited_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "faq_answer_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_logs" (
    "id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "orders" INTEGER NOT NULL,
    "pos" INTEGER NOT NULL,
    "logged_by" TEXT,
    "logged_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "order_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "faq_questions_community_id_status_asked_at_idx" ON "faq_questions"("community_id", "status", "asked_at");

-- CreateIndex
CREATE UNIQUE INDEX "faq_aliases_community_id_topic_text_key" ON "faq_aliases"("community_id", "topic", "text");

-- CreateIndex
CREATE INDEX "faq_answer_versions_community_id_topic_id_idx" ON "faq_answer_versions"("community_id", "topic", "id");

-- CreateIndex
CREATE UNIQUE INDEX "order_logs_campaign_id_day_key" ON "order_logs"("campaign_id", "day");

-- AddForeignKey
ALTER TABLE "faq_questions" ADD CONSTRAINT "faq_questions_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "faq_questions" ADD CONSTRAINT "faq_questions_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "faq_aliases" ADD CONSTRAINT "faq_aliases_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "faq_answer_versions" ADD CONSTRAINT "faq_answer_versions_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_logs" ADD CONSTRAINT "order_logs_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
