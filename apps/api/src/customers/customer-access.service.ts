import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { EmailVerifications, UserAccounts } from '@helpdesk/application';
import {
  CODE_PATTERN,
  decideVerification,
  emailKey,
  IdentityError,
  normalizeEmail,
  parseLinkToken,
  PendingSubmission,
  User,
  VerificationCommand,
  VerificationError,
  VerificationPurpose,
  VerificationSecrets,
} from '@helpdesk/identity';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';
import { Settings, SETTINGS } from '../config/settings';
import { problem } from '../http/problem';
import { unauthenticated } from '../auth/authenticator';
import { LoginThrottle } from '../auth/login-throttle';
import { SignInService, TokenPair } from '../auth/sign-in.service';
import { MAIL_THREAD_KEY } from '../mail/mail-thread-key';
import { SubmitTicketCommand } from '../tickets/commands/submit-ticket.command';
import { VerificationRequestThrottle } from './request-throttle';
import { verificationProblem } from './verification-problem';

type VerifyEmail = Extract<VerificationCommand, { type: 'VerifyEmail' }>;

/** Who records verification requests: the visitor has no account yet. */
const VISITOR: Actor = { id: 'web-visitor', role: 'system' };

/** The one answer to every request for a link and code, whoever the address belongs to. */
export interface VerificationSent {
  status: 'sent';
  /** How long the link and code will work. */
  expiresInMinutes: number;
}

export type Proof = { token: string } | { email: string; code: string };

export type Verified = TokenPair & { ticket?: { id: string; number: string; position: string } };

/**
 * Customers without staff: a link and a code by email prove an address; the first proof makes
 * a customer account for it (none is ever made before), every proof starts a session, and a
 * web-form submission waiting on the proof becomes a ticket. Requests answer the same for
 * every address, so nobody learns which have accounts.
 */
@Injectable()
export class CustomerAccessService {
  private readonly secrets: VerificationSecrets;

  constructor(
    private readonly verifications: EmailVerifications,
    private readonly accounts: UserAccounts,
    private readonly signIn: SignInService,
    private readonly loginThrottle: LoginThrottle,
    private readonly requestThrottle: VerificationRequestThrottle,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(MAIL_THREAD_KEY) threadKey: string,
  ) {
    this.secrets = new VerificationSecrets(threadKey);
  }

  /** Records a request for a link and code; the outbox mails them. */
  async request(
    input: { email: string; language?: string; name?: string | null; purpose: VerificationPurpose; submission?: PendingSubmission },
    address: string,
    correlationId: string,
  ): Promise<VerificationSent> {
    this.requestThrottle.take(address);
    const email = normalizeEmail(input.email);
    const verificationId = randomUUID();
    const command: VerificationCommand = {
      type: 'RequestVerification',
      data: {
        verificationId,
        email,
        purpose: input.purpose,
        linkHash: this.secrets.linkHash(verificationId),
        codeHash: this.secrets.codeHash(email, this.secrets.code(verificationId)),
        language: input.language === 'ur' ? 'ur' : 'en',
        name: input.name?.trim() || null,
        submission: input.submission ?? null,
      },
    };
    await this.verifications.execute(emailKey(email), command, { actor: VISITOR, correlationId }).catch(rethrow);
    return { status: 'sent', expiresInMinutes: this.settings.CUSTOMER_CODE_TTL_MINUTES };
  }

  /**
   * Checks a link or code. A good one, once: the address's customer account (made now if there
   * is none), the ticket it was waiting to file, and a session. Wrong proofs count against the
   * client address (as failed sign-ins do) and wrong codes against the email too.
   */
  async verify(proof: Proof, address: string, correlationId: string): Promise<Verified> {
    const located = this.locate(proof);
    this.loginThrottle.check(located?.throttleKey ?? 'verification', address);
    if (!located) return this.refuse(address, 'verification', new VerificationError('invalid_proof', 'This link or code is not valid. Ask for a new one.'));
    const { key, command, throttleKey } = located;

    // Decide on what is there now, before anything is written: only a good proof goes further.
    const { state } = await this.verifications.load(key);
    let outcome;
    try {
      outcome = decideVerification({ ...command, data: { ...command.data, userId: '(pending)' } }, state, { now: this.clock.now(), policy: this.verifications.policy });
    } catch (error) {
      return this.refuse(address, throttleKey, error);
    }
    if (outcome[0]?.type !== 'EmailVerified') {
      await this.verifications.execute(key, command, { actor: VISITOR, correlationId }).catch(rethrow); // the wrong code is recorded
      return this.refuse(address, throttleKey, new VerificationError('invalid_proof', 'This link or code is not valid. Ask for a new one.'));
    }
    const verificationId = outcome[0].data.verificationId;
    const request = state!.requests[verificationId];
    const user = await this.customerAccount(state!.email, request.name ?? request.submission?.customer.name ?? null, correlationId);

    // A submission becomes its ticket before the proof is spent: its id is derived from the
    // request, so a retry after a crash (or a racing second proof) files it once.
    let ticket: Verified['ticket'];
    if (request.submission) {
      const s = request.submission;
      const result = await this.commands.execute(
        new SubmitTicketCommand(
          {
            subject: s.subject,
            description: s.description,
            channel: 'web',
            customer: s.customer as never,
            category: s.category as never,
            errorMessages: s.errorMessages,
            stepsToReproduce: s.stepsToReproduce,
            impact: s.impact,
          },
          {
            actor: { id: user.id, role: 'customer' },
            scope: { email: user.email, teams: [] },
            correlationId,
            idempotencyKey: `web-form:${verificationId}`,
            request: { verificationId },
          },
          s.attachments ?? [],
        ),
      );
      ticket = { id: result.id, number: result.number, position: result.position.toString() };
    }

    const spent: VerifyEmail = { ...command, data: { ...command.data, userId: user.id } };
    try {
      await this.verifications.execute(key, spent, { actor: { id: user.id, role: 'customer' }, correlationId });
    } catch (error) {
      return this.refuse(address, throttleKey, error); // another request spent it first
    }
    this.loginThrottle.succeeded(throttleKey);
    const pair = await this.signIn.startSession(user, correlationId);
    return ticket ? { ...pair, ticket } : pair;
  }

  /** A first password for an account that has none (made by email); changing one needs the current one (POST /auth/password). */
  async setFirstPassword(userId: string, passwordHash: string, correlationId: string): Promise<void> {
    const found = await this.accounts.directory.get(userId);
    if (!found) throw unauthenticated('invalid-token', 'Sign in again.');
    if (found.user.passwordHash) throw problem(409, 'password-already-set', 'Password already set', 'This account has a password: change it with POST /auth/password, which asks for the current one.');
    await this.accounts.execute(userId, { type: 'SetPassword', data: { passwordHash } }, { actor: { id: userId, role: found.user.role }, correlationId });
  }

  private locate(proof: Proof): { key: string; command: VerifyEmail; throttleKey: string } | null {
    if ('token' in proof && typeof proof.token === 'string') {
      const parsed = parseLinkToken(proof.token);
      if (!parsed) return null;
      const command: VerifyEmail = { type: 'VerifyEmail', data: { method: 'link', verificationId: parsed.verificationId, presentedHash: parsed.presentedHash, userId: '' } };
      return { key: parsed.emailKey, command, throttleKey: `verification:${parsed.emailKey}` };
    }
    const { email, code } = proof as { email: string; code: string };
    if (typeof email !== 'string' || typeof code !== 'string' || !CODE_PATTERN.test(code.trim())) return null;
    const key = emailKey(email);
    return { key, command: { type: 'VerifyEmail', data: { method: 'code', presentedHash: this.secrets.codeHash(email, code), userId: '' } }, throttleKey: `verification:${key}` };
  }

  /** The address's customer account, registered now if it has none. Staff accounts are not signed in by email. */
  private async customerAccount(email: string, name: string | null, correlationId: string): Promise<User> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.accounts.findByEmail(email);
      if (existing) {
        if (existing.role !== 'customer') {
          throw problem(403, 'staff-account', 'Staff account', 'This address belongs to a staff account: sign in with its password.');
        }
        if (!existing.active) throw unauthenticated('invalid-credentials', 'This account is deactivated.', false);
        return existing;
      }
      try {
        const registered = await this.accounts.register(
          { userId: `cust-${randomUUID()}`, email, name: name || email.slice(0, email.indexOf('@')), role: 'customer', teams: [], passwordHash: null },
          { actor: VISITOR, correlationId },
        );
        return registered.user;
      } catch (error) {
        if (!(error instanceof IdentityError && error.code === 'email_taken')) throw error; // another proof registered it: use theirs
      }
    }
    throw problem(409, 'conflict', 'Try again', 'The account for this address is being created; try again.');
  }

  private refuse(address: string, throttleKey: string, error: unknown): never {
    if (!(error instanceof VerificationError)) throw error;
    if (error.code === 'invalid_proof') this.loginThrottle.failed(throttleKey, address);
    throw verificationProblem(error);
  }
}

function rethrow(error: unknown): never {
  throw error instanceof VerificationError ? verificationProblem(error) : error;
}
