import { OmitType } from '@nestjs/swagger';
import { SubmitTicketDto } from '../../tickets/dto/submit-ticket.dto';

/** The public web form: a ticket's fields without the channel (always `web`). */
export class PublicTicketDto extends OmitType(SubmitTicketDto, ['channel'] as const) {}
