-- The board reads 10,000 campaigns at once; aggregating their milestone_progress rows on every
-- read was half of its query time. Each campaign now carries a summary of its marks, kept by
-- triggers so every writer (marking, undo, deletion, bulk loads) keeps it right.

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN "progress_marks" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "progress_done" JSONB NOT NULL DEFAULT '{}';

-- Recomputes the summary of the given campaigns: settled milestone ids, and when each done
-- one was marked (epoch milliseconds). The rows are locked first so that the recomputation,
-- a new statement with a fresh snapshot, sees a concurrent transaction's marks once it commits.
CREATE FUNCTION "refresh_campaign_progress"(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "campaigns" WHERE "id" = ANY (ids) ORDER BY "id" FOR UPDATE;
  UPDATE "campaigns" c SET
    "progress_marks" = COALESCE(
      (SELECT array_agg(mp."milestone_id" ORDER BY mp."milestone_id") FROM "milestone_progress" mp WHERE mp."campaign_id" = c."id"),
      ARRAY[]::TEXT[]),
    "progress_done" = COALESCE(
      (SELECT jsonb_object_agg(mp."milestone_id", floor(extract(epoch FROM mp."marked_at") * 1000))
         FROM "milestone_progress" mp WHERE mp."campaign_id" = c."id" AND mp."status" = 'done'),
      '{}'::jsonb)
  WHERE c."id" = ANY (ids);
END $$;

CREATE FUNCTION "milestone_progress_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_campaign_progress"(ARRAY(SELECT DISTINCT "campaign_id" FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION "milestone_progress_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_campaign_progress"(ARRAY(
    SELECT "campaign_id" FROM new_rows UNION SELECT "campaign_id" FROM old_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION "milestone_progress_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_campaign_progress"(ARRAY(SELECT DISTINCT "campaign_id" FROM old_rows));
  RETURN NULL;
END $$;

-- Statement-level with transition tables: a bulk insert refreshes each campaign once.
CREATE TRIGGER "milestone_progress_summary_insert" AFTER INSERT ON "milestone_progress"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "milestone_progress_inserted"();
CREATE TRIGGER "milestone_progress_summary_update" AFTER UPDATE ON "milestone_progress"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "milestone_progress_updated"();
CREATE TRIGGER "milestone_progress_summary_delete" AFTER DELETE ON "milestone_progress"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "milestone_progress_deleted"();

-- Backfill campaigns marked before this migration.
SELECT "refresh_campaign_progress"(ARRAY(SELECT DISTINCT "campaign_id" FROM "milestone_progress"));
