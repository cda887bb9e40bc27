import Database from 'better-sqlite3';
import { TicketDocuments } from './ticket-documents';

export interface QueryAnswer {
  ids: string[];
  total: number;
}

/** Where the API stops counting (its QUERY_TOTAL_CAP and QUERY_COUNT_CAP), so the baseline does the same work. */
export interface CountCaps {
  total: number;
  count: number;
}

/**
 * The baseline for read-model queries: the same documents in plain SQLite tables whose indexed
 * fields are real columns (what a hand-tuned schema would do), queried with hand-written SQL
 * that returns the same page (JSON documents, parsed) and total, counting as far as the API does.
 */
export class RawReadModels {
  private readonly db: Database.Database;
  private readonly insertTicket: Database.Statement;
  private readonly insertQueue: Database.Statement;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    file: string,
    private readonly caps: CountCaps,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE tickets (id TEXT NOT NULL, number TEXT NOT NULL, status TEXT, updatedAt TEXT, submittedAt TEXT, assigneeId TEXT,
        customer_email TEXT, doc TEXT NOT NULL);
      CREATE TABLE queue (id TEXT NOT NULL, open INTEGER, assigneeId TEXT, team TEXT, status TEXT, language TEXT, priority TEXT,
        rank INTEGER, dueAt TEXT, category TEXT, doc TEXT NOT NULL);
    `);
    this.insertTicket = this.db.prepare('INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertQueue = this.db.prepare('INSERT INTO queue VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  }

  insert(docs: TicketDocuments[]): void {
    this.db.transaction(() => {
      for (const { ticket: t, queue: q } of docs) {
        this.insertTicket.run(t._id, t.number, t.status, t.updatedAt, t.submittedAt, t.assigneeId, t.customer.email, JSON.stringify(t));
        this.insertQueue.run(q._id, q.open ? 1 : 0, q.assigneeId, q.team, q.status, q.language, q.priority, q.rank, q.dueAt, q.category, JSON.stringify(q));
      }
    })();
  }

  /** The declared indexes of the `tickets` and `queue` projections that these queries use, on columns. */
  createIndexes(): void {
    this.db.exec(`
      CREATE UNIQUE INDEX tickets_id ON tickets (id);
      CREATE UNIQUE INDEX tickets_number ON tickets (number);
      CREATE INDEX tickets_status_updated ON tickets (status, updatedAt DESC, id);
      CREATE INDEX tickets_assignee_status_updated ON tickets (assigneeId, status, updatedAt DESC, id);
      CREATE INDEX tickets_customer_email_updated ON tickets (customer_email, updatedAt DESC, id);
      CREATE INDEX tickets_submitted ON tickets (submittedAt DESC, id);
      CREATE INDEX tickets_updated ON tickets (updatedAt DESC, id);
      CREATE UNIQUE INDEX queue_id ON queue (id);
      CREATE INDEX queue_open_assignee_rank_due ON queue (open, assigneeId, rank, dueAt, id, status, priority, category, language);
      CREATE INDEX queue_open_team_rank_due ON queue (open, team, rank, dueAt, id);
      CREATE INDEX queue_open_status_rank_due ON queue (open, status, rank, dueAt, id, priority, category, language, assigneeId, team);
      CREATE INDEX queue_open_language_rank_due ON queue (open, language, rank, dueAt, id, status, priority, category, assigneeId, team);
      CREATE INDEX queue_open_priority_rank_due ON queue (open, priority, rank, dueAt, id, status, category, language, assigneeId, team);
      CREATE INDEX queue_open_category_rank_due ON queue (open, category, rank, dueAt, id, status, priority, language, assigneeId, team);
      CREATE INDEX queue_open_rank_due ON queue (open, rank, dueAt, id);
      ANALYZE;
    `);
  }

  /** First page (`limit` documents, parsed) and total of `table` WHERE `where` ORDER BY `order`. */
  page(table: 'tickets' | 'queue', where: string, params: unknown[], order: string, limit = 25): QueryAnswer {
    const rows = this.prepare(`SELECT doc FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ?`).pluck().all(...params, limit + 1) as string[];
    const ids = rows.slice(0, limit).map((text) => (JSON.parse(text) as { _id: string })._id);
    const counted = this.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${table} WHERE ${where} LIMIT ?)`).pluck().get(...params, this.caps.total + 1) as number;
    return { ids, total: Math.min(counted, this.caps.total) };
  }

  /**
   * What `GET /queue/counts` answers for a view with no filters, each count stopped at the count
   * cap as the API stops it: a capped count per view and per facet value. As "name=count" lines.
   */
  counts(agentId: string, view: 'all' | 'mine', facets: Record<string, readonly string[]>): QueryAnswer {
    const count = (where: string, ...params: unknown[]) =>
      this.prepare(`SELECT count(*) FROM (SELECT 1 FROM queue WHERE ${where} LIMIT ?)`).pluck().get(...params, this.caps.count) as number;
    const { all, lines, viewWhere, viewParams } = viewCounts(count, agentId, view);
    for (const [facet, values] of Object.entries(facets)) {
      for (const value of values) lines.push(`${facet}.${value}=${count(`open = 1${viewWhere} AND ${facet} = ?`, ...viewParams, value)}`);
    }
    return { ids: lines.sort(), total: all };
  }

  /** The same counts in full, the way a hand-written report gets them: a count per view, a GROUP BY per facet. */
  exactCounts(agentId: string, view: 'all' | 'mine', facets: Record<string, readonly string[]>): QueryAnswer {
    const count = (where: string, ...params: unknown[]) => this.prepare(`SELECT count(*) FROM queue WHERE ${where}`).pluck().get(...params) as number;
    const { all, lines, viewWhere, viewParams } = viewCounts(count, agentId, view);
    for (const [facet, values] of Object.entries(facets)) {
      const rows = this.prepare(`SELECT ${facet} AS value, count(*) AS n FROM queue WHERE open = 1${viewWhere} GROUP BY ${facet}`).all(...viewParams) as Array<{ value: string; n: number }>;
      const found = new Map(rows.map((r) => [r.value, r.n]));
      for (const value of values) lines.push(`${facet}.${value}=${found.get(value) ?? 0}`);
    }
    return { ids: lines.sort(), total: all };
  }

  close(): void {
    this.db.close();
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

type Count = (where: string, ...params: unknown[]) => number;

/** The three view counts both ways of counting share, and the view's clause for the facet counts. */
function viewCounts(count: Count, agentId: string, view: 'all' | 'mine') {
  const all = count('open = 1');
  const lines = [`views.mine=${count('open = 1 AND assigneeId = ?', agentId)}`, `views.unassigned=${count('open = 1 AND assigneeId IS NULL')}`, `views.all=${all}`];
  const [viewWhere, viewParams]: [string, unknown[]] = view === 'mine' ? [' AND assigneeId = ?', [agentId]] : ['', []];
  return { all, lines, viewWhere, viewParams };
}
