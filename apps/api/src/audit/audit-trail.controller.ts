import { Controller, Get, Query, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import { pipeline, Readable } from 'node:stream';
import { ReadModels } from '@helpdesk/projection-engine';
import { Filter } from '@helpdesk/read-store';
import { AUDIT_TRAIL, AuditEntry } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { present } from '../queries/present';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { AuditTrailQuery } from './dto/audit-queries';

const CSV_COLUMNS = ['position', 'occurredAt', 'ticketId', 'number', 'revision', 'type', 'actorId', 'actorRole', 'category', 'changes', 'correlationId'];

/** For auditors: the audit trail filtered by ticket, actor, event type, category and time; JSON pages or a streamed export. */
@ApiTags('audit')
@UseInterceptors(ConsistencyInterceptor)
@Controller('audit/trail')
export class AuditTrailController {
  constructor(private readonly readModels: ReadModels) {}

  @Get() @Allow('audit.trail')
  @ReadsFrom(AUDIT_TRAIL)
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOperation({ summary: 'Audit entries, newest first; format=csv or ndjson streams every match with constant memory' })
  async trail(@Query() q: AuditTrailQuery) {
    const filter: Filter = {
      ...(q.ticket ? { ticketId: q.ticket.toLowerCase() } : {}),
      ...(q.actor ? { 'actor.id': q.actor } : {}),
      ...(q.type ? { type: q.type } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.from || q.to ? { occurredAt: { ...(q.from ? { $gte: new Date(q.from).toISOString() } : {}), ...(q.to ? { $lt: new Date(q.to).toISOString() } : {}) } } : {}),
    };
    const trail = await this.readModels.collection<AuditEntry>(AUDIT_TRAIL);
    if (q.format === 'json') {
      const page = await trail.findPage(filter, { sort: { occurredAt: -1 }, limit: q.limit, cursor: q.cursor });
      return { items: page.items.map(present), nextCursor: page.nextCursor ?? null };
    }
    // Readable.from pulls one page of entries at a time, as fast as the client reads.
    const entries = Readable.from(trail.stream(filter, { sort: { occurredAt: -1 } }));
    return q.format === 'csv'
      ? new StreamableFile(csvOf(entries), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="audit-trail.csv"' })
      : new StreamableFile(entries.map((e: AuditEntry) => `${JSON.stringify(present(e))}\n`), { type: 'application/x-ndjson', disposition: 'attachment; filename="audit-trail.ndjson"' });
  }
}

function csvOf(entries: Readable): Readable {
  // The byte-order mark lets spreadsheet programs read Urdu text as UTF-8.
  const csv = stringify({ header: true, columns: CSV_COLUMNS, bom: true, cast: { string: neutraliseFormula } });
  const rows = entries.map((e: AuditEntry) => ({
    position: e.position,
    occurredAt: e.occurredAt,
    ticketId: e.ticketId,
    number: e.number,
    revision: e.revision,
    type: e.type,
    actorId: e.actor?.id,
    actorRole: e.actor?.role,
    category: e.category,
    changes: e.changes.map((c) => `${c.field}: ${String(c.before)} -> ${String(c.after)}`).join('; '),
    correlationId: e.correlationId ?? '',
  }));
  // pipeline, not pipe: a failure while reading destroys the response instead of leaving it hanging.
  return pipeline(rows, csv, () => undefined);
}

/** A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection). */
const neutraliseFormula = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
