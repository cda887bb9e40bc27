import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { USER_COMMAND_PERMISSIONS, USER_ROLES, UserCommandType, UserRole } from '@helpdesk/identity';
import { TICKET_COMMAND_PERMISSIONS, TicketCommandType } from '@helpdesk/ticketing';
import { ARTICLE_COMMAND_PERMISSIONS, ArticleCommandType } from '@helpdesk/knowledge';
import { RULE_EDITORS } from '@helpdesk/automation';

/**
 * THE access policy: every endpoint, who may call it. The access guard reads it on every
 * request (deny by default: an endpoint without a rule answers 403 to everyone), the README's
 * policy table is rendered from it (a test keeps the two equal), and test/e2e/access-matrix
 * walks every endpoint as every role against an independent expectation.
 *
 * Command endpoints take their roles from the domain's own permission tables, so who-may-ask
 * lives in one place; the deciders then apply the rules that depend on the ticket or account
 * (the notes column). Which tickets a role reaches is the domain's TicketReach, applied by the
 * decider on writes and by queries/ticket-access.ts on reads: out of reach answers 404.
 */
export interface AccessRule {
  route: string;
  /** Roles that may call it, or 'public' for no sign-in at all. */
  roles: readonly UserRole[] | 'public';
  /** Refused to API tokens: an integration's token must not be able to take over its account. */
  sessionOnly?: boolean;
  /** What applies beyond the role. */
  note?: string;
  /** Also open to `Authorization: Bearer <METRICS_TOKEN>` (a metrics scraper, no account). */
  metricsToken?: boolean;
}

const ANYONE = USER_ROLES;
const READERS: readonly UserRole[] = ['agent', 'supervisor', 'auditor', 'analyst', 'admin'];
const OVERSIGHT: readonly UserRole[] = ['supervisor', 'auditor', 'analyst', 'admin'];
const HISTORY_READERS: readonly UserRole[] = ['agent', 'supervisor', 'auditor', 'admin'];
const AUDITORS: readonly UserRole[] = ['auditor', 'admin'];
const MANAGERS: readonly UserRole[] = ['supervisor', 'admin'];
const ROSTER_KEEPERS: readonly UserRole[] = ['agent', 'supervisor', 'admin'];
// File contents are free text: analysts (who see tickets masked) do not download them.
const ATTACHMENT_READERS: readonly UserRole[] = ['customer', 'agent', 'supervisor', 'auditor', 'admin'];
const OWN_RECORD = 'agents: their own record only';
const MAIL_READERS: readonly UserRole[] = ['agent', 'supervisor', 'auditor', 'admin'];

const only = (roles: readonly string[]) => USER_ROLES.filter((r) => roles.includes(r));
const ticketCommand = (route: string, type: TicketCommandType, note?: string): AccessRule => ({
  route,
  roles: only(TICKET_COMMAND_PERMISSIONS[type].roles),
  note: [TICKET_COMMAND_PERMISSIONS[type].refinedBy, note].filter(Boolean).join('; ') || undefined,
});
const userCommand = (route: string, type: UserCommandType, note?: string): AccessRule => ({
  route,
  roles: only(USER_COMMAND_PERMISSIONS[type].roles),
  note,
});
const SUPERVISOR_AGENTS = 'supervisors: agent accounts only';
const articleCommand = (route: string, type: ArticleCommandType, note?: string): AccessRule => ({
  route,
  roles: only(ARTICLE_COMMAND_PERMISSIONS[type].roles),
  note: [ARTICLE_COMMAND_PERMISSIONS[type].refinedBy, note].filter(Boolean).join('; ') || undefined,
});
const KB_STAFF: readonly UserRole[] = ['agent', 'supervisor', 'admin'];
const RULE_READERS: readonly UserRole[] = ['supervisor', 'auditor', 'admin'];
// Who writes rules is the rule decider's table; a backtest is for those who could enable the rule.
const RULE_WRITERS = only(RULE_EDITORS);

export const POLICY = {
  'health.ready': { route: 'GET /health', roles: 'public' },
  'health.live': { route: 'GET /health/live', roles: 'public' },
  'health.readiness': { route: 'GET /health/ready', roles: 'public', note: '503 while a store is unreachable or a projection lags' },
  'monitoring.prometheus': { route: 'GET /metrics/prometheus', roles: AUDITORS, metricsToken: true, note: 'or a scraper with the METRICS_TOKEN bearer' },

  'auth.login': { route: 'POST /auth/login', roles: 'public', note: 'throttled per account and per address' },
  'auth.refresh': { route: 'POST /auth/refresh', roles: 'public', note: 'the refresh token is the credential; rotated on every use' },
  'auth.logout': { route: 'POST /auth/logout', roles: ANYONE, sessionOnly: true, note: 'ends the session the access token belongs to' },
  'auth.me': { route: 'GET /auth/me', roles: ANYONE },
  'auth.password': { route: 'POST /auth/password', roles: ANYONE, sessionOnly: true, note: 'needs the current password; ends every session' },
  'auth.apiTokens.list': { route: 'GET /auth/api-tokens', roles: ANYONE, note: 'your own tokens' },
  'auth.apiTokens.issue': { route: 'POST /auth/api-tokens', roles: ANYONE, sessionOnly: true, note: 'for yourself; the token is shown once' },
  'auth.apiTokens.revoke': { route: 'DELETE /auth/api-tokens/:tokenId', roles: ANYONE, note: 'your own tokens' },

  'tickets.submit': ticketCommand('POST /tickets', 'SubmitTicket'),
  'tickets.assign': ticketCommand('POST /tickets/:id/assign', 'AssignTicket'),
  'tickets.acknowledge': ticketCommand('POST /tickets/:id/acknowledge', 'AcknowledgeAssignment'),
  'tickets.prioritize': ticketCommand('POST /tickets/:id/prioritize', 'PrioritizeTicket'),
  'tickets.categorize': ticketCommand('POST /tickets/:id/categorize', 'CategorizeTicket'),
  'tickets.tag': ticketCommand('POST /tickets/:id/tags', 'TagTicket'),
  'tickets.start': ticketCommand('POST /tickets/:id/start', 'StartWork'),
  'tickets.comment': ticketCommand('POST /tickets/:id/comments', 'AddComment'),
  'tickets.wait': ticketCommand('POST /tickets/:id/wait', 'WaitOnCustomer'),
  'tickets.resolve': ticketCommand('POST /tickets/:id/resolve', 'ResolveTicket'),
  'tickets.confirm': ticketCommand('POST /tickets/:id/confirm', 'ConfirmResolution'),
  'tickets.reject': ticketCommand('POST /tickets/:id/reject', 'RejectResolution'),
  'tickets.close': ticketCommand('POST /tickets/:id/close', 'CloseTicket'),
  'tickets.reopen': ticketCommand('POST /tickets/:id/reopen', 'ReopenTicket'),
  'tickets.events': { route: 'GET /tickets/:id/events', roles: HISTORY_READERS },

  'tickets.list': { route: 'GET /tickets', roles: ANYONE, note: 'analysts: customer PII masked unless granted' },
  'tickets.get': { route: 'GET /tickets/:id', roles: ANYONE, note: 'customers never see internal notes; analysts: PII masked unless granted' },
  'tickets.attachments.list': { route: 'GET /tickets/:id/attachments', roles: ANYONE, note: 'customers never see those of internal notes; analysts: file names masked unless granted' },
  'tickets.attachments.download': { route: 'GET /tickets/:id/attachments/:attachmentId', roles: ATTACHMENT_READERS, note: 'always as a download; customers never get those of internal notes' },
  'tickets.audit': { route: 'GET /tickets/:id/audit', roles: HISTORY_READERS },
  'tickets.history': { route: 'GET /tickets/:id/history', roles: HISTORY_READERS, note: 'replayed from the event store' },
  'tickets.state': { route: 'GET /tickets/:id/state', roles: HISTORY_READERS, note: 'the ticket at an instant or revision' },
  'audit.verify': { route: 'GET /audit/verify', roles: AUDITORS },
  'audit.trail': { route: 'GET /audit/trail', roles: AUDITORS, note: 'every ticket’s changes; CSV and NDJSON exports' },
  'audit.checkpoints.list': { route: 'GET /audit/checkpoints', roles: AUDITORS },
  'audit.checkpoints.sign': { route: 'POST /audit/checkpoints', roles: ['admin'], note: 'signs the feed now' },
  queue: { route: 'GET /queue', roles: READERS, note: 'analysts: customer names masked unless granted' },
  'queue.counts': { route: 'GET /queue/counts', roles: READERS },
  'sla.breaches': { route: 'GET /sla/breaches', roles: READERS },
  'sla.atRisk': { route: 'GET /sla/at-risk', roles: READERS },
  'sla.policies.list': { route: 'GET /sla/policies', roles: READERS },
  'sla.policies.publish': { route: 'POST /sla/policies', roles: MANAGERS },
  'metrics.daily': { route: 'GET /metrics/daily', roles: OVERSIGHT },
  'metrics.weekly': { route: 'GET /metrics/weekly', roles: OVERSIGHT },
  'metrics.backlog': { route: 'GET /metrics/backlog', roles: OVERSIGHT },
  'metrics.backlogAges': { route: 'GET /metrics/backlog/ages', roles: OVERSIGHT },
  'metrics.summary': { route: 'GET /metrics/summary', roles: OVERSIGHT, note: 'the figures of a whole range, per value of the dimension' },
  'metrics.ratings': { route: 'GET /metrics/ratings', roles: OVERSIGHT, note: 'comments for supervisors and admins only; analysts: customers masked unless granted' },
  export: { route: 'GET /export/:collection', roles: OVERSIGHT, note: 'analysts: customer PII masked unless granted' },
  workload: { route: 'GET /workload', roles: OVERSIGHT },
  projections: { route: 'GET /projections', roles: OVERSIGHT },

  'agents.list': { route: 'GET /agents', roles: READERS },
  'agents.get': { route: 'GET /agents/:id', roles: READERS },
  'agents.register': { route: 'POST /agents', roles: MANAGERS },
  'agents.skills': { route: 'POST /agents/:id/skills', roles: MANAGERS },
  'agents.languages': { route: 'POST /agents/:id/languages', roles: ROSTER_KEEPERS, note: OWN_RECORD },
  'agents.cap': { route: 'POST /agents/:id/cap', roles: MANAGERS },
  'agents.hours': { route: 'POST /agents/:id/hours', roles: ROSTER_KEEPERS, note: OWN_RECORD },
  'agents.availability': { route: 'POST /agents/:id/availability', roles: ROSTER_KEEPERS, note: OWN_RECORD },
  'agents.deactivate': { route: 'POST /agents/:id/deactivate', roles: MANAGERS },
  'agents.reactivate': { route: 'POST /agents/:id/reactivate', roles: MANAGERS },

  'mail.list': { route: 'GET /mail', roles: MAIL_READERS, note: 'inbound mail and what became of it; `?outcome=held` to review' },
  'mail.get': { route: 'GET /mail/:id', roles: MAIL_READERS, note: 'the message’s decision history from the event store' },
  'mail.raw': { route: 'GET /mail/:id/raw', roles: MAIL_READERS, note: 'the raw message as received (message/rfc822, as a download)' },
  'mail.rethread': { route: 'POST /mail/:id/rethread', roles: MANAGERS, note: 'moves a held or mis-threaded message to a ticket' },

  'users.list': { route: 'GET /users', roles: ['supervisor', 'auditor', 'admin'], note: 'supervisors see agent accounts' },
  'users.get': { route: 'GET /users/:id', roles: ['supervisor', 'auditor', 'admin'], note: 'supervisors see agent accounts' },
  'users.events': { route: 'GET /users/:id/events', roles: ['auditor', 'admin'], note: 'the account’s history; hashes left out' },
  'users.register': userCommand('POST /users', 'RegisterUser', 'supervisors create agents only'),
  'users.role': userCommand('POST /users/:id/role', 'ChangeRole', 'not your own role'),
  'users.teams': userCommand('POST /users/:id/teams', 'ChangeTeams', SUPERVISOR_AGENTS),
  'users.deactivate': userCommand('POST /users/:id/deactivate', 'DeactivateUser', `${SUPERVISOR_AGENTS}; not yourself`),
  'users.reactivate': userCommand('POST /users/:id/reactivate', 'ReactivateUser', SUPERVISOR_AGENTS),
  'users.password': userCommand('POST /users/:id/password', 'SetPassword', 'a reset: ends the user’s sessions'),
  'users.piiAccess.grant': userCommand('POST /users/:id/pii-access', 'GrantPiiAccess', 'analysts only'),
  'users.piiAccess.revoke': userCommand('DELETE /users/:id/pii-access', 'RevokePiiAccess'),
  'users.apiTokens.issue': userCommand('POST /users/:id/api-tokens', 'IssueApiToken', 'e.g. for an integration’s account'),
  'users.apiTokens.revoke': userCommand('DELETE /users/:id/api-tokens/:tokenId', 'RevokeApiToken'),

  'tickets.notifications': { route: 'GET /tickets/:id/notifications', roles: HISTORY_READERS, note: 'agents: tickets within reach; customers are told by the mail itself' },
  'notifications.list': { route: 'GET /notifications', roles: ['supervisor', 'auditor', 'admin'], note: 'by status (pending: not sent yet) and kind' },
  'notifications.retry': { route: 'POST /notifications/:id/retry', roles: MANAGERS, note: 'failed notifications only' },

  'privacy.erase': { route: 'POST /privacy/subjects/:email/erase', roles: ['admin'], note: 'a reason is required; shreds the subject’s keys, deletes their files, rebuilds the read models' },
  'privacy.export': { route: 'GET /privacy/subjects/:email/export', roles: ['customer', 'admin'], note: 'customers: their own email only, without internal notes' },
  'privacy.retention': { route: 'GET /privacy/retention', roles: ['admin'], note: 'a dry run: what the policy would erase now' },
  'customers.start': { route: 'POST /auth/customer/start', roles: 'public', note: 'mails a one-time link and code; the same answer for every address; throttled per address and per client' },
  'customers.verify': { route: 'POST /auth/customer/verify', roles: 'public', note: 'the link’s token or the code: signs in, the first time creates the customer account; throttled like sign-in' },
  'customers.password': { route: 'POST /auth/customer/password', roles: ['customer'], sessionOnly: true, note: 'a first password for an account made by email' },
  'webForm.submit': { route: 'POST /public/tickets', roles: 'public', note: 'filed as a ticket once the address is proved by the mailed link or code' },
  'tickets.satisfaction': ticketCommand('POST /tickets/:id/satisfaction', 'RateSatisfaction'),
  'satisfaction.page': { route: 'GET /satisfaction/:token', roles: 'public', note: 'the signed, expiring rating link is the credential; reading it records nothing' },
  'satisfaction.rate': { route: 'POST /satisfaction/:token', roles: 'public', note: 'the signed, expiring rating link is the credential; records the rating as the ticket’s customer' },
  'kb.search': { route: 'GET /kb/search', roles: 'public', note: 'published articles; internal ones only with a staff bearer' },
  'kb.articles.list': { route: 'GET /kb/articles', roles: KB_STAFF, note: 'every status, drafts included' },
  'kb.articles.get': { route: 'GET /kb/articles/:id', roles: 'public', note: 'customers and visitors: published public articles only (others 404); staff: all, with versions' },
  'kb.articles.version': { route: 'GET /kb/articles/:id/versions/:version', roles: KB_STAFF },
  'kb.articles.draft': articleCommand('POST /kb/articles', 'DraftArticle'),
  'kb.articles.fromTicket': articleCommand('POST /kb/articles/from-ticket', 'DraftArticle', 'a resolved ticket within reach; its resolution is the starting text'),
  'kb.articles.edit': articleCommand('POST /kb/articles/:id/edits', 'EditArticle'),
  'kb.articles.publish': articleCommand('POST /kb/articles/:id/publish', 'PublishArticle'),
  'kb.articles.unpublish': articleCommand('POST /kb/articles/:id/unpublish', 'UnpublishArticle'),
  'kb.articles.archive': articleCommand('POST /kb/articles/:id/archive', 'ArchiveArticle'),
  'kb.articles.link': articleCommand('POST /kb/articles/:id/links', 'LinkArticleToTicket'),
  'kb.articles.vote': articleCommand('POST /kb/articles/:id/votes', 'VoteOnArticle'),
  'kb.articles.view': { route: 'POST /kb/articles/:id/views', roles: 'public', note: 'counts a reading of a published article (customers and visitors: public ones)' },
  'tickets.articles': { route: 'GET /tickets/:id/articles', roles: ANYONE, note: 'tickets within reach; customers: published public articles only' },
  'kb.suggestions.suggest': { route: 'POST /kb/suggestions', roles: 'public', note: 'records ArticleSuggested or NothingSuggested; context agent_ticket: staff, a ticket within reach' },
  'kb.suggestions.opened': { route: 'POST /kb/suggestions/:sessionId/opened', roles: 'public', note: 'articles suggested in that session only' },
  'kb.suggestions.deflected': { route: 'POST /kb/suggestions/:sessionId/deflected', roles: 'public', note: 'records TicketDeflected once; not after a ticket was filed' },
  'kb.suggestions.filed': { route: 'POST /kb/suggestions/:sessionId/filed', roles: 'public', note: 'needs a bearer; the ticket must be within its reach' },
  'metrics.knowledge': { route: 'GET /metrics/knowledge', roles: OVERSIGHT },

  'macros.list': { route: 'GET /macros', roles: KB_STAFF, note: 'live macros; `?retired=true` lists retired ones too' },
  'macros.get': { route: 'GET /macros/:id', roles: KB_STAFF },
  'macros.create': { route: 'POST /macros', roles: MANAGERS },
  'macros.change': { route: 'PUT /macros/:id', roles: MANAGERS, note: 'the whole next version; If-Match: the revision seen' },
  'macros.retire': { route: 'POST /macros/:id/retire', roles: MANAGERS },
  'tickets.macro': { route: 'POST /tickets/:id/macros/:macroId', roles: KB_STAFF, note: 'a ticket within reach; its reply and changes as one append, each refused as its own command would be' },

  'automation.rules.list': { route: 'GET /automation/rules', roles: RULE_READERS, note: 'drafts too, in the order they run; filters `enabled`, `kind` (trigger, time)' },
  'automation.rules.get': { route: 'GET /automation/rules/:id', roles: RULE_READERS },
  'automation.rules.create': { route: 'POST /automation/rules', roles: RULE_WRITERS, note: 'a draft (disabled) unless `enabled: true`' },
  'automation.rules.change': { route: 'PUT /automation/rules/:id', roles: RULE_WRITERS, note: 'the whole next version; If-Match: the revision seen' },
  'automation.rules.enable': { route: 'POST /automation/rules/:id/enable', roles: RULE_WRITERS },
  'automation.rules.disable': { route: 'POST /automation/rules/:id/disable', roles: RULE_WRITERS },
  'automation.rules.reorder': { route: 'POST /automation/rules/:id/reorder', roles: RULE_WRITERS },
  'automation.rules.backtestDraft': { route: 'POST /automation/rules/backtest', roles: RULE_WRITERS, note: 'replays the last days of ticket events against a draft; writes nothing' },
  'automation.rules.backtest': { route: 'POST /automation/rules/:id/backtest', roles: RULE_WRITERS, note: 'the rule’s current version; writes nothing' },
  'automation.firings': { route: 'GET /automation/firings', roles: RULE_READERS, note: 'every RuleFired, newest first; `?ruleId=&ticketId=&outcome=`' },

  'live.stream': { route: 'GET /live', roles: ANYONE, note: 'server-sent events naming what changed within reach (customers: their own tickets, nothing internal); a browser opens it with `?ticket=` from POST /live/ticket' },
  'live.ticket': { route: 'POST /live/ticket', roles: ANYONE, sessionOnly: true, note: 'a ticket that opens GET /live within a minute, for the session asking' },

  directory: { route: 'GET /directory', roles: READERS, note: 'names and roles of staff accounts and roster agents (customers are named by their own tickets)' },
  // Ticket text is searched: analysts, who see it withheld, do not search it.
  'search.tickets': { route: 'GET /search/tickets', roles: ['customer', 'agent', 'supervisor', 'auditor', 'admin'], note: 'customers: their own tickets, never by internal notes or tags; agents: tickets within reach' },
  'tickets.customerContext': { route: 'GET /tickets/:id/customer-context', roles: HISTORY_READERS, note: 'the customer’s other tickets within reach and their ratings; rating comments for supervisors and admins' },
} satisfies Record<string, AccessRule>;

export type Action = keyof typeof POLICY;

export const POLICY_KEY = 'helpdesk:policy';

/** Names the endpoint's rule in POLICY. Every handler has one; the access guard refuses those without. */
export const Allow = (action: Action) => {
  const rule: AccessRule = POLICY[action];
  return rule.roles === 'public' ? SetMetadata(POLICY_KEY, action) : applyDecorators(SetMetadata(POLICY_KEY, action), ApiBearerAuth());
};

/** The README's policy table, rendered from POLICY. */
export function renderPolicyTable(): string {
  const header = `| endpoint | ${USER_ROLES.join(' | ')} | notes |`;
  const rule = `|---|${USER_ROLES.map(() => ':-:').join('|')}|---|`;
  const rows = (Object.values(POLICY) as AccessRule[]).map((r) => {
    const cells = r.roles === 'public' ? USER_ROLES.map(() => 'public') : USER_ROLES.map((role) => ((r.roles as readonly string[]).includes(role) ? '✓' : '·'));
    const notes = [r.note, r.sessionOnly ? 'not with an API token' : undefined].filter(Boolean).join('; ');
    return `| \`${r.route}\` | ${cells.join(' | ')} | ${notes} |`;
  });
  return [header, rule, ...rows].join('\n');
}
