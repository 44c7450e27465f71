// Proves that prisma/migrations, applied to an empty database, builds exactly what
// prisma/schema.prisma describes. `prisma migrate diff` would do this, but it needs the schema-engine
// binary, which cannot be downloaded here; so the schema is read with Prisma's own parser (the
// prisma-schema-wasm package behind `prisma validate` and getDMMF) and compared with the
// PostgreSQL catalog. Anything in the database that the schema does not explain fails the test,
// unless it is on the SQL_ONLY allow-list below.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import prismaSchemaWasm from '@prisma/prisma-schema-wasm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MILESTONE_IDS } from '../../src/core/types.ts';
import type { Database } from '../../src/infra/db/client.ts';
import { applyMigrations } from '../../src/infra/db/migrate.ts';
import { describeEachBackend } from '../support/databases.ts';

const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../prisma/schema.prisma');

/** Objects the migrations create on purpose that Prisma's schema language has no way to state. */
const SQL_ONLY = {
  // Prisma reads neither CHECK constraints nor their expressions; each is a rule the domain code also
  // enforces, kept in the database so no writer (scripts, psql, a future service) can bypass it.
  checks: {
    communities_external_id_check: 'non-empty platform id: Prisma has no length constraint',
    communities_default_time_zone_check: 'non-empty zone name: Prisma has no length constraint',
    members_external_id_check: 'non-empty platform id: Prisma has no length constraint',
    members_display_name_check: 'non-empty name: Prisma has no length constraint',
    members_time_zone_check: 'non-empty zone name when set: Prisma has no length constraint',
    members_quiet_hours_start_check: 'hour 0-23: Prisma has no range constraint',
    members_quiet_hours_end_check: 'hour 0-23: Prisma has no range constraint',
    campaigns_isbn13_check: 'normalised ISBN-13 pattern: Prisma has no pattern constraint',
    campaigns_isbn10_check: 'normalised ISBN-10 pattern: Prisma has no pattern constraint',
    campaigns_title_check: '1-200 characters: Prisma has no length constraint on text',
    campaigns_time_zone_check: 'non-empty zone name: Prisma has no length constraint',
    milestone_progress_milestone_id_check: 'MILESTONE_IDS: a String column restricted to a list, not a Prisma enum',
    milestone_progress_marked_by_check: 'non-empty actor id: Prisma has no length constraint',
    communities_digest_hour_check: 'hour 0-23: Prisma has no range constraint',
    reminders_key_check: 'non-empty key: Prisma has no length constraint',
    reminders_attempts_check: 'non-negative count: Prisma has no range constraint',
    reminders_dm_member_check: 'a DM names its member: Prisma has no cross-column constraint',
    reminders_lease_check: 'a leased row has owner and expiry: Prisma has no cross-column constraint',
  } as Record<string, string>,
  // Prisma has no triggers: campaigns.progress_marks/progress_done summarise milestone_progress for
  // the board, kept right by statement triggers whoever writes the marks; the kept board's copied
  // columns, staleness and tallies (board_state migration) follow their sources the same way.
  functions: [
    'board_buckets',
    'board_category',
    'board_refresh_orders',
    'board_refresh_undeliverable',
    'board_tally',
    'board_undeliverable',
    'campaign_board_deleted',
    'campaign_board_inserted',
    'campaign_board_tally_row',
    'campaign_board_updated',
    'campaigns_board_inserted',
    'campaigns_board_updated',
    'members_board_dms',
    'milestone_progress_deleted',
    'milestone_progress_inserted',
    'milestone_progress_updated',
    'order_logs_board_deleted',
    'order_logs_board_inserted',
    'order_logs_board_updated',
    'refresh_campaign_progress',
    'reminders_board_failed',
  ],
  triggers: [
    'campaign_board_tally_at_commit',
    'campaign_board_tally_delete',
    'campaign_board_tally_insert',
    'campaign_board_tally_update',
    'campaigns_board_insert',
    'campaigns_board_update',
    'members_board_dms',
    'milestone_progress_summary_delete',
    'milestone_progress_summary_insert',
    'milestone_progress_summary_update',
    'order_logs_board_delete',
    'order_logs_board_insert',
    'order_logs_board_update',
    'reminders_board_failed_delete',
    'reminders_board_failed_insert',
    'reminders_board_failed_update',
  ],
  // @@unique cannot carry a WHERE clause, so "one ACTIVE campaign per ISBN" is a partial index.
  partialIndexes: {
    campaigns_one_active_per_isbn: {
      table: 'campaigns',
      columns: ['community_id', 'member_id', 'isbn13', 'marketplace'],
      unique: true,
      predicate: /^\(state = 'active'::"CampaignState"\)$/,
    },
    // The sweeper's indexes cover only live rows, so a tick costs what is due, not what exists.
    reminders_runnable: {
      table: 'reminders',
      columns: ['run_at'],
      unique: false,
      predicate: /^\(state = 'pending'::"ReminderState"\)$/,
    },
    reminders_leased: {
      table: 'reminders',
      columns: ['lease_until'],
      unique: false,
      predicate: /^\(state = 'sending'::"ReminderState"\)$/,
    },
    // A page of a warning filter reads only the campaigns it lists, in board order.
    campaign_board_releasing: {
      table: 'campaign_board',
      columns: ['community_id', 'urgency', 'title_key'],
      unique: false,
      predicate: /^\(\(state = 'active'::"CampaignState"\) AND releasing\)$/,
    },
    // A page of a warning filter reads only the campaigns it lists, in board order.
    campaign_board_overdue: {
      table: 'campaign_board',
      columns: ['community_id', 'urgency', 'title_key'],
      unique: false,
      predicate: /^\(\(state = 'active'::"CampaignState"\) AND overdue\)$/,
    },
    // A page of a warning filter reads only the campaigns it lists, in board order.
    campaign_board_at_risk: {
      table: 'campaign_board',
      columns: ['community_id', 'urgency', 'title_key'],
      unique: false,
      predicate: /^\(\(state = 'active'::"CampaignState"\) AND at_risk\)$/,
    },
    // A page of a warning filter reads only the campaigns it lists, in board order.
    campaign_board_undeliverable: {
      table: 'campaign_board',
      columns: ['community_id', 'urgency', 'title_key'],
      unique: false,
      predicate: /^\(\(state = 'active'::"CampaignState"\) AND undeliverable\)$/,
    },
  },
  // Migration bookkeeping, created by src/infra/db/migrate.ts exactly as Prisma creates it.
  tables: ['_prisma_migrations'],
  indexes: ['_prisma_migrations_pkey'],
};

// ---------------------------------------------------------------------------------------------
// The schema, as Prisma's parser sees it (only the parts of the DMMF this test reads).

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
}

async function loadDmmf(): Promise<Dmmf> {
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  return JSON.parse(prismaSchemaWasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as Dmmf;
}

const tableOf = (model: DmmfModel): string => model.dbName ?? model.name;
const columnOf = (field: DmmfField): string => field.dbName ?? field.name;
const enumDbName = (e: DmmfEnum): string => e.dbName ?? e.name;
const quoteIdent = (name: string): string =>
  /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;

function scalarColumns(model: DmmfModel): DmmfField[] {
  return model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
}

function columnName(model: DmmfModel, fieldName: string): string {
  const field = model.fields.find((f) => f.name === fieldName);
  if (!field) throw new Error(`${model.name}.${fieldName} is not a field`);
  return columnOf(field);
}

// Prisma's PostgreSQL type for each scalar, as format_type() prints it.
function expectedType(field: DmmfField, enums: DmmfEnum[]): string {
  let base: string;
  if (field.kind === 'enum') {
    const e = enums.find((x) => x.name === field.type);
    if (!e) throw new Error(`enum ${field.type} not found`);
    base = quoteIdent(enumDbName(e));
  } else if (field.nativeType) {
    const [name, args] = field.nativeType;
    const native: Record<string, (a: string[]) => string> = {
      Text: () => 'text',
      Char: (a) => `character(${a[0] ?? 1})`,
      VarChar: (a) => (a[0] ? `character varying(${a[0]})` : 'character varying'),
      Uuid: () => 'uuid',
      Date: () => 'date',
      Timestamp: (a) => `timestamp(${a[0] ?? 3}) without time zone`,
      Timestamptz: (a) => `timestamp(${a[0] ?? 3}) with time zone`,
      SmallInt: () => 'smallint',
      Integer: () => 'integer',
      BigInt: () => 'bigint',
      JsonB: () => 'jsonb',
      Json: () => 'json',
    };
    const render = native[name];
    if (!render) throw new Error(`@db.${name} on ${field.name}: teach schema-drift.test.ts its PostgreSQL type`);
    base = render(args);
  } else {
    const scalar: Record<string, string> = {
      String: 'text',
      Int: 'integer',
      BigInt: 'bigint',
      Boolean: 'boolean',
      DateTime: 'timestamp(3) without time zone',
      Json: 'jsonb',
      Float: 'double precision',
      Decimal: 'numeric(65,30)',
      Bytes: 'bytea',
    };
    const type = scalar[field.type];
    if (!type) throw new Error(`${field.type} on ${field.name}: teach schema-drift.test.ts its PostgreSQL type`);
    base = type;
  }
  return field.isList ? `${base}[]` : base;
}

// The DEFAULT Prisma's migrations write, as pg_get_expr() prints it back; null when the value is
// made by the client (uuid(), @updatedAt) or there is none.
function expectedDefault(table: string, field: DmmfField, enums: DmmfEnum[]): string | null {
  if (!field.hasDefaultValue) return null;
  const value = field.default;
  const type = expectedType(field, enums);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const fn = (value as { name: string }).name;
    if (['uuid', 'cuid', 'nanoid', 'ulid'].includes(fn)) return null;
    if (fn === 'now') return 'CURRENT_TIMESTAMP';
    if (fn === 'autoincrement') return `nextval('${table}_${columnOf(field)}_seq'::regclass)`;
    throw new Error(`default ${fn}() on ${field.name}: teach schema-drift.test.ts how PostgreSQL shows it`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return `ARRAY[]::${type}`;
    throw new Error(`non-empty list default on ${field.name}: teach schema-drift.test.ts how PostgreSQL shows it`);
  }
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (field.kind === 'enum') {
      const e = enums.find((x) => x.name === field.type)!;
      const label = e.values.find((v) => v.name === value)?.dbName ?? value;
      return `'${label}'::${type}`;
    }
    return `'${value.replace(/'/g, "''")}'::${type.replace(/\(\d+\)$/, '')}`;
  }
  throw new Error(
    `default ${JSON.stringify(value)} on ${field.name}: teach schema-drift.test.ts how PostgreSQL shows it`,
  );
}

// Prisma's default constraint and index names, truncated as Prisma does to PostgreSQL's 63 bytes.
function prismaName(table: string, columns: string[], suffix: 'pkey' | 'key' | 'idx' | 'fkey'): string {
  const stem = suffix === 'pkey' ? table : `${table}_${columns.join('_')}`;
  return `${stem.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

const ON_ACTION: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

// ---------------------------------------------------------------------------------------------
// The database, from the PostgreSQL catalog (identical on PGlite).

interface Catalog {
  tables: string[];
  columns: { table: string; column: string; type: string; notNull: boolean; default: string | null }[];
  enums: { name: string; labels: string[] }[];
  indexes: {
    name: string;
    table: string;
    columns: string[];
    unique: boolean;
    primary: boolean;
    predicate: string | null;
  }[];
  constraints: {
    name: string;
    table: string;
    type: string;
    columns: string[];
    refTable: string | null;
    refColumns: string[] | null;
    onDelete: string;
    onUpdate: string;
    definition: string;
  }[];
  sequences: string[];
  otherRelations: string[];
  functions: string[];
  triggers: string[];
}

async function readCatalog(db: Database): Promise<Catalog> {
  const q = <T>(text: string) => db.sql.query<T>(text);
  const publicNs = `(SELECT oid FROM pg_namespace WHERE nspname = 'public')`;
  const colNames = (rel: string, nums: string) =>
    `ARRAY(SELECT a.attname::text FROM unnest(${nums}) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.num ORDER BY k.ord)`;
  const [tables, columns, enums, indexes, constraints, sequences, otherRelations, functions, triggers] =
    await Promise.all([
      q<{ name: string }>(
        `SELECT relname AS name FROM pg_class WHERE relnamespace = ${publicNs} AND relkind = 'r' ORDER BY 1`,
      ),
      q<Catalog['columns'][number]>(
        `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
              a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS default
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = ${publicNs} AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY 1, a.attnum`,
      ),
      q<Catalog['enums'][number]>(
        `SELECT t.typname AS name, ARRAY(SELECT enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
         FROM pg_type t WHERE t.typnamespace = ${publicNs} AND t.typtype = 'e' ORDER BY 1`,
      ),
      q<Catalog['indexes'][number]>(
        `SELECT ic.relname AS name, tc.relname AS table, ${colNames('i.indrelid', 'i.indkey::int2[]')} AS columns,
              i.indisunique AS unique, i.indisprimary AS primary, pg_get_expr(i.indpred, i.indrelid) AS predicate
         FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_class tc ON tc.oid = i.indrelid
        WHERE tc.relnamespace = ${publicNs} ORDER BY 1`,
      ),
      q<Catalog['constraints'][number]>(
        `SELECT con.conname AS name, tc.relname AS table, con.contype::text AS type,
              ${colNames('con.conrelid', 'con.conkey')} AS columns,
              rc.relname AS "refTable",
              CASE WHEN con.contype = 'f' THEN ${colNames('con.confrelid', 'con.confkey')} END AS "refColumns",
              con.confdeltype::text AS "onDelete", con.confupdtype::text AS "onUpdate",
              pg_get_constraintdef(con.oid) AS definition
         FROM pg_constraint con
         JOIN pg_class tc ON tc.oid = con.conrelid
         LEFT JOIN pg_class rc ON rc.oid = con.confrelid
        WHERE tc.relnamespace = ${publicNs} AND con.contype <> 'n' ORDER BY 1`,
      ),
      q<{ name: string }>(
        `SELECT relname AS name FROM pg_class WHERE relnamespace = ${publicNs} AND relkind = 'S' ORDER BY 1`,
      ),
      q<{ name: string }>(
        `SELECT relname || ' (' || relkind::text || ')' AS name FROM pg_class
        WHERE relnamespace = ${publicNs} AND relkind NOT IN ('r', 'i', 'S') ORDER BY 1`,
      ),
      q<{ name: string }>(`SELECT proname AS name FROM pg_proc WHERE pronamespace = ${publicNs} ORDER BY 1`),
      q<{ name: string }>(
        `SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = ${publicNs} AND NOT t.tgisinternal ORDER BY 1`,
      ),
    ]);
  return {
    tables: tables.map((r) => r.name),
    columns,
    enums,
    indexes,
    constraints,
    sequences: sequences.map((r) => r.name),
    otherRelations: otherRelations.map((r) => r.name),
    functions: functions.map((r) => r.name),
    triggers: triggers.map((r) => r.name),
  };
}

const sorted = <T>(items: T[], key: (t: T) => string): T[] => [...items].sort((a, b) => key(a).localeCompare(key(b)));

describeEachBackend('schema drift: migrations vs schema.prisma', (backend) => {
  let db: Database;
  let dmmf: Dmmf;
  let catalog: Catalog;
  let models: DmmfModel[];
  let enums: DmmfEnum[];

  beforeAll(async () => {
    dmmf = await loadDmmf();
    models = dmmf.datamodel.models;
    enums = dmmf.datamodel.enums;
    db = await backend.open({ migrate: false });
    await applyMigrations(db.sql);
    catalog = await readCatalog(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("reads the schema with Prisma's parser", () => {
    expect(models.map((m) => m.name)).toEqual([
      'Community',
      'Member',
      'Campaign',
      'MilestoneProgress',
      // Issue 12: the daily PO check is confirmed per day.
      'PoConfirmation',
      'AuditEntry',
      'Reminder',
      'PlatformState',
      'FaqQuestion',
      'FaqAlias',
      'FaqAnswerVersion',
      'OrderLog',
      // Issue 16: calendar feeds and event sequences, Discord events and campaign threads.
      'CalendarFeed',
      'CalendarEventRevision',
      'CommunityChannelFeatures',
      'CampaignThread',
      'CampaignReleaseEvent',
      // Issue 17: the kept board and its tallies.
      'CampaignBoard',
      'BoardCount',
      'BoardReleaseCount',
    ]);
  });

  it('has exactly one table per model, plus migration bookkeeping', () => {
    expect(catalog.tables).toEqual([...models.map(tableOf), ...SQL_ONLY.tables].sort());
  });

  it('has exactly the enums of the schema, with the same values in the same order', () => {
    const expected = enums.map((e) => ({ name: enumDbName(e), labels: e.values.map((v) => v.dbName ?? v.name) }));
    expect(catalog.enums).toEqual(sorted(expected, (e) => e.name));
  });

  it('has exactly the columns of the schema, with their types, nullability and defaults', () => {
    const expected = models.flatMap((model) =>
      scalarColumns(model).map((field) => ({
        table: tableOf(model),
        column: columnOf(field),
        type: expectedType(field, enums),
        // Prisma never makes a list column NOT NULL, even when the field is required.
        notNull: field.isRequired && !field.isList,
        default: expectedDefault(tableOf(model), field, enums),
      })),
    );
    const actual = catalog.columns.filter((c) => !SQL_ONLY.tables.includes(c.table));
    const key = (c: { table: string; column: string }) => `${c.table}.${c.column}`;
    expect(sorted(actual, key)).toEqual(sorted(expected, key));
  });

  it('has exactly the primary keys, unique indexes and indexes of the schema, with their columns', () => {
    const expected = dmmf.datamodel.indexes.map((index) => {
      const model = models.find((m) => m.name === index.model)!;
      const table = tableOf(model);
      const columns = index.fields.map((f) => columnName(model, f.name));
      if (index.type === 'fulltext') throw new Error('fulltext indexes are not supported on PostgreSQL');
      const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
      return {
        name: index.dbName ?? prismaName(table, columns, suffix),
        table,
        columns,
        unique: index.type !== 'normal',
        primary: index.type === 'id',
        predicate: null,
      };
    });
    const actual = catalog.indexes.filter(
      (i) => !SQL_ONLY.indexes.includes(i.name) && !(i.name in SQL_ONLY.partialIndexes),
    );
    expect(actual).toEqual(sorted(expected, (i) => i.name));
  });

  it('has exactly the foreign keys of the schema, with their referential actions', () => {
    const expected = models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
        .map((field) => {
          const target = models.find((m) => m.name === field.type)!;
          const columns = field.relationFromFields!.map((name) => columnName(model, name));
          return {
            name: prismaName(tableOf(model), columns, 'fkey'),
            table: tableOf(model),
            columns,
            refTable: tableOf(target),
            refColumns: field.relationToFields!.map((name) => columnName(target, name)),
            // Prisma's defaults when the schema names none.
            onDelete: field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull'),
            onUpdate: field.relationOnUpdate ?? 'Cascade',
          };
        }),
    );
    const actual = catalog.constraints
      .filter((c) => c.type === 'f')
      .map(({ name, table, columns, refTable, refColumns, onDelete, onUpdate }) => ({
        name,
        table,
        columns,
        refTable,
        refColumns,
        onDelete: ON_ACTION[onDelete],
        onUpdate: ON_ACTION[onUpdate],
      }));
    expect(actual).toEqual(sorted(expected, (c) => c.name));
  });

  it('has no constraints beyond keys and the allow-listed CHECKs, and every allow-listed one exists', () => {
    const unexplained = catalog.constraints
      .filter(
        (c) => !(c.type === 'f' || (c.type === 'p' && catalog.indexes.some((i) => i.name === c.name && i.primary))),
      )
      .filter((c) => !(c.type === 'c' && c.name in SQL_ONLY.checks))
      // A deferred (constraint) trigger is recorded as a constraint too; it is allow-listed as a trigger.
      .filter((c) => !(c.type === 't' && SQL_ONLY.triggers.includes(c.name)))
      .map((c) => `${c.table}.${c.name} (${c.type}): ${c.definition}`);
    expect(unexplained).toEqual([]);
    const checks = catalog.constraints.filter((c) => c.type === 'c').map((c) => c.name);
    expect(checks.sort()).toEqual(Object.keys(SQL_ONLY.checks).sort());
  });

  it('allows exactly the milestone ids in src/core/types.ts', () => {
    const check = catalog.constraints.find((c) => c.name === 'milestone_progress_milestone_id_check');
    const ids = [...(check?.definition ?? '').matchAll(/'([^']*)'::text/g)].map((m) => m[1]);
    expect(ids).toEqual([...MILESTONE_IDS]);
  });

  it('has the allow-listed partial indexes as declared', () => {
    for (const [name, spec] of Object.entries(SQL_ONLY.partialIndexes)) {
      const index = catalog.indexes.find((i) => i.name === name);
      expect(index, name).toMatchObject({
        table: spec.table,
        columns: spec.columns,
        unique: spec.unique,
        primary: false,
      });
      expect(index!.predicate).toMatch(spec.predicate);
    }
  });

  it('has no sequences but those of autoincrement columns, no views, and only the listed functions and triggers', () => {
    const expectedSequences = models.flatMap((model) =>
      scalarColumns(model)
        .filter((f) => (f.default as { name?: string } | undefined)?.name === 'autoincrement')
        .map((f) => `${tableOf(model)}_${columnOf(f)}_seq`),
    );
    expect(catalog.sequences).toEqual(expectedSequences.sort());
    expect({ relations: catalog.otherRelations, functions: catalog.functions, triggers: catalog.triggers }).toEqual({
      relations: [],
      functions: SQL_ONLY.functions,
      triggers: SQL_ONLY.triggers,
    });
  });
});
