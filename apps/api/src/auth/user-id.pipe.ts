import { Injectable, PipeTransform } from '@nestjs/common';
import { IdentityError, USER_ID_PATTERN, userNotFound } from '@helpdesk/identity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user id that cannot name an account is simply not found. */
@Injectable()
export class UserIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!USER_ID_PATTERN.test(value)) throw userNotFound(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    return value;
  }
}

/** API token ids are UUIDs. */
@Injectable()
export class TokenIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new IdentityError('user_not_found', `API token ${value.slice(0, 80)} does not exist.`);
    return value.toLowerCase();
  }
}
