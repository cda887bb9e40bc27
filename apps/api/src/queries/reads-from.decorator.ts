import { SetMetadata } from '@nestjs/common';

export const READS_FROM = 'helpdesk:reads-from';

/** Names the projections a query reads, so `consistentWith` waits for exactly those. */
export const ReadsFrom = (...projections: string[]) => SetMetadata(READS_FROM, projections);
