/**
 * The two DynamoDB tables, described once for CDK, the local engine and the tests.
 *
 * | table     | item                         | pk                 | sk          | read by                          |
 * |-----------|------------------------------|--------------------|-------------|----------------------------------|
 * | directory | roster (shifts, on-call, SLA)| ROSTER             | CURRENT     | route, ticket, handover (GetItem)|
 * | directory | holiday                      | HOLIDAY            | YYYY-MM-DD  | route (GetItem for today)        |
 * | directory | FAQ entry / FAQ settings     | FAQ                | id / #settings | assistant (one Query)         |
 * | records   | ticket                       | TICKET#id          | TICKET      | ticket, survey, transcribe       |
 * | records   | contact → ticket pointer     | CONTACT#contactId  | TICKET      | survey, transcribe               |
 * | records   | survey (CSAT)                | CONTACT#contactId  | SURVEY      | reports                          |
 * | records   | transcript without a ticket  | CONTACT#contactId  | TRANSCRIPT  | agents                           |
 * | records   | caller profile               | CALLER#+E164       | PROFILE     | route (GetItem, same request)    |
 * | records   | contact record (events+flows)| CONTACT#contactId  | RECORD      | contact-events, report, plan     |
 * | records   | months that hold records     | CONTACT-MONTHS     | YYYY-MM     | report (all records)             |
 *
 * Indexes on records: `byCaller` (callerPk, createdAt) tickets of a caller; `openByDue` (openPk, dueAt),
 * sparse, only open tickets, oldest promise first; `byShift` (shiftKey, createdAt) tickets of a shift;
 * `contactsByMonth` (contactMonth, initiatedAt), sparse, contact records by UTC month and initiation
 * time: any interval (a business-local day, a shift occurrence, a week) is a range query.
 * No Scan anywhere; no transactions or streams (the embedded dynalite has neither): writes that must not
 * double are conditional and keyed by the Connect ContactId.
 */
export interface TableDefinition {
  name: 'directory' | 'records';
  partitionKey: string;
  sortKey: string;
  indexes: Array<{ name: string; partitionKey: string; sortKey: string }>;
}

export const DIRECTORY_TABLE: TableDefinition = {
  name: 'directory',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [],
};

export const RECORDS_TABLE: TableDefinition = {
  name: 'records',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'byCaller', partitionKey: 'callerPk', sortKey: 'createdAt' },
    { name: 'openByDue', partitionKey: 'openPk', sortKey: 'dueAt' },
    { name: 'byShift', partitionKey: 'shiftKey', sortKey: 'createdAt' },
    { name: 'contactsByMonth', partitionKey: 'contactMonth', sortKey: 'initiatedAt' },
  ],
};

export const TABLES = [DIRECTORY_TABLE, RECORDS_TABLE] as const;
