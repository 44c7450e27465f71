-- A page-bounded board (issue 17). Each campaign's place on the moderators' board is kept in
-- "campaign_board": its phase, flags, sort keys, what a line shows (status) and when the clock
-- alone would change it (next_boundary_at). Per-community tallies are kept beside it, so a board
-- call reads one page through an index plus a handful of tally rows, whatever the community's size.
--
-- Who keeps what:
--   * The application classifies a campaign (its plan needs luxon and the milestone graph) and
--     writes its whole row last in the same transaction as each change; a job recomputes rows
--     whose next_boundary_at has passed. Such a transaction first sets preorder.board_writer to
--     'app', and the campaigns triggers below stand aside: a row they wrote early would take the
--     community's tally rows at the start of the transaction and hold them to its end, so
--     concurrent changes in one community would queue behind each other's whole transactions.
--   * Triggers below keep what follows other tables: state, release date and pause from campaigns,
--     "reminders do not get through" from members and reminders, the newest order reading from
--     order_logs, and the tallies from campaign_board itself. A change to a campaign that affects
--     its classification also marks its row stale (next_boundary_at at the epoch), so a writer that
--     bypasses the application (psql, a bulk load) is caught up by the next board read or job run.

-- CreateTable
CREATE TABLE "campaign_board" (
    "campaign_id" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "state" "CampaignState" NOT NULL,
    "phase" TEXT NOT NULL,
    "release_date" DATE NOT NULL,
    "releasing" BOOLEAN NOT NULL DEFAULT false,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "at_risk" BOOLEAN NOT NULL DEFAULT false,
    "undeliverable" BOOLEAN NOT NULL DEFAULT false,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "urgency" DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- The full classification's tiebreak: the lower-cased title, then the id, in byte order (the
    -- \u0001 between them sorts below any character a title holds, as JavaScript's \u0000 does).
    "title_key" TEXT COLLATE "C" NOT NULL,
    "next_boundary_at" TIMESTAMP(3),
    "status" JSONB NOT NULL DEFAULT '{}',
    "orders" INTEGER,
    "pos" INTEGER,
    "computed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_board_pkey" PRIMARY KEY ("campaign_id")
);

-- CreateTable
CREATE TABLE "board_counts" (
    "community_id" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "campaigns" INTEGER NOT NULL DEFAULT 0,
    "logging" INTEGER NOT NULL DEFAULT 0,
    "orders" BIGINT NOT NULL DEFAULT '0'::bigint,
    "pos" BIGINT NOT NULL DEFAULT '0'::bigint,

    CONSTRAINT "board_counts_pkey" PRIMARY KEY ("community_id","bucket")
);

-- CreateTable
CREATE TABLE "board_release_counts" (
    "community_id" TEXT NOT NULL,
    "filter" TEXT NOT NULL,
    "release_date" DATE NOT NULL,
    "category" TEXT NOT NULL,
    "campaigns" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "board_release_counts_pkey" PRIMARY KEY ("community_id","filter","release_date","category")
);

-- CreateIndex: a page of the active, completed or cancelled campaigns, most urgent first.
CREATE INDEX "campaign_board_community_id_state_urgency_title_key_idx" ON "campaign_board"("community_id", "state", "urgency", "title_key");
-- CreateIndex: rows of one community, or of all, that the clock has overtaken.
CREATE INDEX "campaign_board_community_id_next_boundary_at_idx" ON "campaign_board"("community_id", "next_boundary_at");
CREATE INDEX "campaign_board_next_boundary_at_idx" ON "campaign_board"("next_boundary_at");
-- CreateIndex: rows classified after "now", when a clock (the console's, a test's) is set back.
CREATE INDEX "campaign_board_community_id_computed_at_idx" ON "campaign_board"("community_id", "computed_at");

-- A page of each warning filter reads its own partial index, in board order.
CREATE INDEX "campaign_board_releasing" ON "campaign_board"("community_id", "urgency", "title_key") WHERE "state" = 'active' AND "releasing";
CREATE INDEX "campaign_board_overdue" ON "campaign_board"("community_id", "urgency", "title_key") WHERE "state" = 'active' AND "overdue";
CREATE INDEX "campaign_board_at_risk" ON "campaign_board"("community_id", "urgency", "title_key") WHERE "state" = 'active' AND "at_risk";
CREATE INDEX "campaign_board_undeliverable" ON "campaign_board"("community_id", "urgency", "title_key") WHERE "state" = 'active' AND "undeliverable";

-- AddForeignKey
ALTER TABLE "campaign_board" ADD CONSTRAINT "campaign_board_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "campaign_board" ADD CONSTRAINT "campaign_board_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "board_counts" ADD CONSTRAINT "board_counts_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "board_release_counts" ADD CONSTRAINT "board_release_counts_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The tallies a board row counts in: its phase, each filter that lists it (src/core/campaign-board.ts,
-- matchesBoardFilter: the warning filters list active campaigns only) and whether it is paused.
CREATE FUNCTION "board_buckets"(s "CampaignState", phase TEXT, releasing BOOLEAN, overdue BOOLEAN, at_risk BOOLEAN, undeliverable BOOLEAN, paused BOOLEAN)
RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_remove(ARRAY[
    'phase:' || phase,
    'filter:' || s::text,
    CASE WHEN s = 'active' AND releasing THEN 'filter:releasing-this-week' END,
    CASE WHEN s = 'active' AND overdue THEN 'filter:overdue' END,
    CASE WHEN s = 'active' AND at_risk THEN 'filter:at-risk' END,
    CASE WHEN s = 'active' AND undeliverable THEN 'filter:undeliverable' END,
    CASE WHEN s = 'active' AND paused THEN 'paused' END
  ], NULL)
$$;

-- A campaign's stack in the board chart (src/charts/board-chart.ts, boardCategory).
CREATE FUNCTION "board_category"(s "CampaignState", overdue BOOLEAN, at_risk BOOLEAN, undeliverable BOOLEAN, paused BOOLEAN)
RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN s <> 'active' THEN 'other' WHEN overdue THEN 'overdue' WHEN at_risk THEN 'at-risk'
              WHEN undeliverable THEN 'undeliverable' WHEN paused THEN 'other' ELSE 'on-track' END
$$;

-- Applies the difference between rows before and after a statement to the tallies. Tally rows are
-- written in key order, so two transactions never wait on each other's rows in a cycle; a
-- statement that moves no campaign between tallies writes none.
CREATE FUNCTION "board_tally"(olds "campaign_board"[], news "campaign_board"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT r.*, -1 AS sign FROM unnest(olds) r
    UNION ALL
    SELECT r.*, 1 AS sign FROM unnest(news) r
  ), k AS (
    SELECT d.community_id, b.bucket, d.sign,
           CASE WHEN d.orders IS NULL AND d.pos IS NULL THEN 0 ELSE 1 END AS logs,
           coalesce(d.orders, 0) AS orders, coalesce(d.pos, 0) AS pos
      FROM d CROSS JOIN LATERAL unnest("board_buckets"(d.state, d.phase, d.releasing, d.overdue, d.at_risk, d.undeliverable, d.paused)) AS b(bucket)
  )
  INSERT INTO "board_counts" AS t ("community_id", "bucket", "campaigns", "logging", "orders", "pos")
  SELECT community_id, bucket, sum(sign), sum(sign * logs), sum(sign * orders), sum(sign * pos)
    FROM k GROUP BY community_id, bucket
  HAVING sum(sign) <> 0 OR sum(sign * logs) <> 0 OR sum(sign * orders) <> 0 OR sum(sign * pos) <> 0
   ORDER BY community_id, bucket
  ON CONFLICT ("community_id", "bucket") DO UPDATE SET
    "campaigns" = t."campaigns" + EXCLUDED."campaigns",
    "logging" = t."logging" + EXCLUDED."logging",
    "orders" = t."orders" + EXCLUDED."orders",
    "pos" = t."pos" + EXCLUDED."pos";

  WITH d AS (
    SELECT r.*, -1 AS sign FROM unnest(olds) r
    UNION ALL
    SELECT r.*, 1 AS sign FROM unnest(news) r
  ), k AS (
    SELECT d.community_id, substr(b.bucket, 8) AS filter, d.release_date,
           "board_category"(d.state, d.overdue, d.at_risk, d.undeliverable, d.paused) AS category, d.sign
      FROM d CROSS JOIN LATERAL unnest("board_buckets"(d.state, d.phase, d.releasing, d.overdue, d.at_risk, d.undeliverable, d.paused)) AS b(bucket)
     WHERE b.bucket LIKE 'filter:%'
  )
  INSERT INTO "board_release_counts" AS t ("community_id", "filter", "release_date", "category", "campaigns")
  SELECT community_id, filter, release_date, category, sum(sign)
    FROM k GROUP BY community_id, filter, release_date, category
  HAVING sum(sign) <> 0
   ORDER BY community_id, filter, release_date, category
  ON CONFLICT ("community_id", "filter", "release_date", "category") DO UPDATE SET
    "campaigns" = t."campaigns" + EXCLUDED."campaigns";
END $$;

CREATE FUNCTION "campaign_board_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('preorder.board_writer', true) = 'app' THEN RETURN NULL; END IF;
  PERFORM "board_tally"(ARRAY[]::"campaign_board"[], ARRAY(SELECT ROW(n.*)::"campaign_board" FROM new_rows n));
  RETURN NULL;
END $$;

CREATE FUNCTION "campaign_board_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('preorder.board_writer', true) = 'app' THEN RETURN NULL; END IF;
  PERFORM "board_tally"(ARRAY(SELECT ROW(o.*)::"campaign_board" FROM old_rows o), ARRAY(SELECT ROW(n.*)::"campaign_board" FROM new_rows n));
  RETURN NULL;
END $$;

CREATE FUNCTION "campaign_board_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('preorder.board_writer', true) = 'app' THEN RETURN NULL; END IF;
  PERFORM "board_tally"(ARRAY(SELECT ROW(o.*)::"campaign_board" FROM old_rows o), ARRAY[]::"campaign_board"[]);
  RETURN NULL;
END $$;

-- In a transaction the application claimed, each row's change is tallied at commit instead: the
-- tally rows a community's concurrent changes share are then locked only while the commit runs,
-- not from the transaction's board write across the round trips to its end.
CREATE FUNCTION "campaign_board_tally_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('preorder.board_writer', true) IS DISTINCT FROM 'app' THEN RETURN NULL; END IF;
  PERFORM "board_tally"(
    CASE WHEN TG_OP = 'INSERT' THEN ARRAY[]::"campaign_board"[] ELSE ARRAY[OLD] END,
    CASE WHEN TG_OP = 'DELETE' THEN ARRAY[]::"campaign_board"[] ELSE ARRAY[NEW] END);
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "campaign_board_tally_at_commit" AFTER INSERT OR UPDATE OR DELETE ON "campaign_board"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "campaign_board_tally_row"();

-- Any other writer (a bulk load, psql, a cascade) is tallied per statement, all rows at once.
CREATE TRIGGER "campaign_board_tally_insert" AFTER INSERT ON "campaign_board"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "campaign_board_inserted"();
CREATE TRIGGER "campaign_board_tally_update" AFTER UPDATE ON "campaign_board"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "campaign_board_updated"();
CREATE TRIGGER "campaign_board_tally_delete" AFTER DELETE ON "campaign_board"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "campaign_board_deleted"();

-- The member's DMs are closed, or a reminder for this campaign (or a morning message of its member
-- in its community, which belongs to no campaign) failed for good.
CREATE FUNCTION "board_undeliverable"(p_campaign TEXT, p_member TEXT, p_community TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "members" m WHERE m."id" = p_member AND m."dms_closed_at" IS NOT NULL)
      OR EXISTS (SELECT 1 FROM "reminders" r WHERE r."campaign_id" = p_campaign AND r."state" = 'failed')
      OR EXISTS (SELECT 1 FROM "reminders" r WHERE r."member_id" = p_member AND r."state" = 'failed'
                    AND r."campaign_id" IS NULL AND r."community_id" = p_community)
$$;

-- A campaign written outside the application gets a stale row at once (a board read or the job classifies it).
CREATE FUNCTION "campaigns_board_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('preorder.board_writer', true) = 'app' THEN RETURN NULL; END IF;
  INSERT INTO "campaign_board" ("campaign_id", "community_id", "state", "phase", "release_date", "title_key",
                                "paused", "undeliverable", "next_boundary_at", "computed_at")
  SELECT n."id", n."community_id", n."state", CASE WHEN n."state" = 'active' THEN 'setting-up' ELSE n."state"::text END,
         n."release_date", lower(n."title") || chr(1) || n."id", n."reminders_paused_at" IS NOT NULL,
         "board_undeliverable"(n."id", n."member_id", n."community_id"), 'epoch', now()
    FROM new_rows n;
  RETURN NULL;
END $$;

-- What a board row copies from its campaign follows at once; a change the classification reads
-- marks the row stale.
CREATE FUNCTION "campaigns_board_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('preorder.board_writer', true) = 'app' THEN RETURN NULL; END IF;
  UPDATE "campaign_board" b SET
    "state" = n."state",
    "release_date" = n."release_date",
    "paused" = n."reminders_paused_at" IS NOT NULL,
    "next_boundary_at" = CASE WHEN (o."title", o."release_date", o."time_zone", o."marketplace", o."printer", o."state",
                                    o."created_at", o."progress_marks", o."progress_done")
                                   IS DISTINCT FROM
                                   (n."title", n."release_date", n."time_zone", n."marketplace", n."printer", n."state",
                                    n."created_at", n."progress_marks", n."progress_done")
                              THEN 'epoch' ELSE b."next_boundary_at" END
    FROM new_rows n JOIN old_rows o ON o."id" = n."id"
   WHERE b."campaign_id" = n."id"
     AND (o."title", o."release_date", o."time_zone", o."marketplace", o."printer", o."state", o."created_at",
          o."progress_marks", o."progress_done", o."reminders_paused_at" IS NULL)
         IS DISTINCT FROM
         (n."title", n."release_date", n."time_zone", n."marketplace", n."printer", n."state", n."created_at",
          n."progress_marks", n."progress_done", n."reminders_paused_at" IS NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER "campaigns_board_insert" AFTER INSERT ON "campaigns"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "campaigns_board_inserted"();
CREATE TRIGGER "campaigns_board_update" AFTER UPDATE ON "campaigns"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "campaigns_board_updated"();

CREATE FUNCTION "board_refresh_undeliverable"(p_campaign TEXT, p_member TEXT, p_community TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "campaign_board" b SET "undeliverable" = "board_undeliverable"(c."id", c."member_id", c."community_id")
    FROM "campaigns" c
   WHERE c."id" = b."campaign_id"
     AND CASE WHEN p_campaign IS NOT NULL THEN c."id" = p_campaign
              ELSE c."member_id" = p_member AND (p_community IS NULL OR c."community_id" = p_community) END
     AND b."undeliverable" IS DISTINCT FROM "board_undeliverable"(c."id", c."member_id", c."community_id");
END $$;

CREATE FUNCTION "members_board_dms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "board_refresh_undeliverable"(NULL, NEW."id", NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER "members_board_dms" AFTER UPDATE OF "dms_closed_at" ON "members"
  FOR EACH ROW WHEN ((OLD."dms_closed_at" IS NULL) <> (NEW."dms_closed_at" IS NULL)) EXECUTE FUNCTION "members_board_dms"();

-- Only a reminder entering or leaving "failed" matters; the sweeper's other transitions pass the WHEN.
CREATE FUNCTION "reminders_board_failed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r RECORD;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF r."campaign_id" IS NOT NULL THEN
    PERFORM "board_refresh_undeliverable"(r."campaign_id", NULL, NULL);
  ELSIF r."member_id" IS NOT NULL THEN
    PERFORM "board_refresh_undeliverable"(NULL, r."member_id", r."community_id");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "reminders_board_failed_insert" AFTER INSERT ON "reminders"
  FOR EACH ROW WHEN (NEW."state" = 'failed') EXECUTE FUNCTION "reminders_board_failed"();
CREATE TRIGGER "reminders_board_failed_update" AFTER UPDATE OF "state" ON "reminders"
  FOR EACH ROW WHEN ((OLD."state" = 'failed') <> (NEW."state" = 'failed')) EXECUTE FUNCTION "reminders_board_failed"();
CREATE TRIGGER "reminders_board_failed_delete" AFTER DELETE ON "reminders"
  FOR EACH ROW WHEN (OLD."state" = 'failed') EXECUTE FUNCTION "reminders_board_failed"();

-- The newest reading of each campaign (readings are running totals, so the newest day counts).
CREATE FUNCTION "board_refresh_orders"(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "campaign_board" b SET "orders" = l."orders", "pos" = l."pos"
    FROM unnest(ids) AS i(id)
    LEFT JOIN LATERAL (SELECT ol."orders", ol."pos" FROM "order_logs" ol WHERE ol."campaign_id" = i.id
                        ORDER BY ol."day" DESC LIMIT 1) l ON true
   WHERE b."campaign_id" = i.id AND (b."orders", b."pos") IS DISTINCT FROM (l."orders", l."pos");
END $$;

CREATE FUNCTION "order_logs_board_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "board_refresh_orders"(ARRAY(SELECT DISTINCT "campaign_id" FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION "order_logs_board_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "board_refresh_orders"(ARRAY(SELECT "campaign_id" FROM new_rows UNION SELECT "campaign_id" FROM old_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION "order_logs_board_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "board_refresh_orders"(ARRAY(SELECT DISTINCT "campaign_id" FROM old_rows));
  RETURN NULL;
END $$;

CREATE TRIGGER "order_logs_board_insert" AFTER INSERT ON "order_logs"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_logs_board_inserted"();
CREATE TRIGGER "order_logs_board_update" AFTER UPDATE ON "order_logs"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_logs_board_updated"();
CREATE TRIGGER "order_logs_board_delete" AFTER DELETE ON "order_logs"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_logs_board_deleted"();

-- Backfill: every existing campaign gets a stale row (classified by the next board read or job
-- run), with its newest reading.
INSERT INTO "campaign_board" ("campaign_id", "community_id", "state", "phase", "release_date", "title_key",
                              "paused", "undeliverable", "next_boundary_at", "computed_at")
SELECT c."id", c."community_id", c."state", CASE WHEN c."state" = 'active' THEN 'setting-up' ELSE c."state"::text END,
       c."release_date", lower(c."title") || chr(1) || c."id", c."reminders_paused_at" IS NOT NULL,
       "board_undeliverable"(c."id", c."member_id", c."community_id"), 'epoch', now()
  FROM "campaigns" c;
SELECT "board_refresh_orders"(ARRAY(SELECT DISTINCT "campaign_id" FROM "order_logs"));
