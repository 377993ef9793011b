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
 * | records   | missed question              | CONTACT#contactId  | MISSED#at#r | switchboard missed (contactsByMonth, MISSED#YYYY-MM) |
 *
 * Indexes on records, each kept because a production reader queries it (an index nobody reads costs a
 * write on every ticket update):
 * - `openByDue` (openPk = OPEN, dueAt): sparse, only open tickets, the earliest promise first. Read by
 *   handover (every open ticket, all pages) and the console's work list (cursor pages).
 * - `byCaller` (callerPk = CALLER#+E164, createdAt): a caller's tickets, newest first. Read by the
 *   console's caller view (cursor pages).
 * The shift of a ticket stays an attribute (`shift`); no reader lists tickets by shift, so there is no
 * index for it. No Scan anywhere; no transactions or streams (the embedded dynalite has neither):
 * writes that must not double are conditional and keyed by the Connect ContactId, ticket updates are
 * conditional on the ticket's `version`.
 * - `contactsByMonth` (contactMonth, initiatedAt): sparse, contact records by UTC month and initiation
 *   time: any interval (a business-local day, a shift occurrence, a week) is a range query. Read by
 *   report, plan and the weekly report.
 * - `ticketsByMonth` (createdMonth = TICKETS#YYYY-MM of the UTC creation time, createdAt): the tickets
 *   created in a period, one range query per month. Read by report and the weekly report.
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
    { name: 'contactsByMonth', partitionKey: 'contactMonth', sortKey: 'initiatedAt' },
    { name: 'ticketsByMonth', partitionKey: 'createdMonth', sortKey: 'createdAt' },
  ],
};

export const TABLES = [DIRECTORY_TABLE, RECORDS_TABLE] as const;
