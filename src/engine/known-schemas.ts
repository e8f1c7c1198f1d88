/**
 * Schemas sql.js was seen to load, by `schemaFingerprint` (known-schema-open.ts): a file whose
 * schema rows are exactly one of these opens without running SQLite's schema load
 * (test/unit/engine/known-schema-open.test.ts loads each in sql.js, in every order the open
 * accepts, and checks that both opens describe the file alike).
 */
export const KNOWN_SCHEMAS: readonly string[] = [
  // session-buddy's V1..V4 schema as its MigrationManager writes it (test/fixtures/sample.db,
  // legacy.db, train20k.db): 25 tables with the FTS5 table skill_invocation_fts and its shadow tables.
  '91794a8477ca398d46e2ecf415b940ac3909fb8bc8e5ca921658cff60c81ff05',
  // The same without the FTS5 tables, as a SQLite without FTS5 (sql.js) writes it
  // (bench/generators/session-buddy-schema.ts: the benches' and many tests' files).
  '5ab1e49fa7f8bc5c0387546d61294d580a6b3b6d108e1fc56a3455aa3df16f1e',
];
