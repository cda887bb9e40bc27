import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from '@helpdesk/ticketing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ticket ids are UUIDs; anything else cannot name a ticket, so it is simply not found. */
@Injectable()
export class TicketIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw notFound(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    return value.toLowerCase();
  }
}
