import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Every setting the helpdesk reads from its environment. Documented in the README. */
export class Settings {
  @IsInt() @Min(0) @Max(65535) @Transform(({ value }) => Number(value ?? 3000))
  PORT = 3000;

  @IsString() @Transform(({ value }) => value || './data')
  DATA_DIR = './data';

  /** EventStoreDB connection string; unset means the embedded SQLite event store. */
  @IsOptional() @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb):\/\//, { message: 'EVENT_STORE_URL must be an esdb:// connection string' })
  EVENT_STORE_URL?: string;

  /** MongoDB connection string; unset means the embedded document store. */
  @IsOptional() @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGO_URL must be a mongodb:// connection string' })
  MONGO_URL?: string;

  @IsInt() @Min(0) @Transform(({ value }) => Number(value ?? 7))
  AUTO_CLOSE_AFTER_DAYS = 7;

  @IsIn(['FULL', 'NORMAL']) @Transform(({ value }) => value ?? 'FULL')
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';

  @IsString() @Transform(({ value }) => value ?? '256kb')
  BODY_LIMIT = '256kb';

  /** The agent UI's static build, served at `/`; empty: no UI. */
  @IsString() @Transform(({ value }) => value ?? './dist/ui')
  UI_DIR = './dist/ui';

  /** Run the projection engine inside this process (set false when apps/projector runs it). */
  @IsBoolean() @Transform(({ value }) => value === undefined ? true : value === true || value === 'true' || value === '1')
  RUN_PROJECTIONS = true;

  /** Longest a query waits for the read models to reach a `consistentWith` position. */
  @IsInt() @Min(0) @Max(30000) @Transform(({ value }) => Number(value ?? 2000))
  CONSISTENCY_WAIT_MS = 2000;

  /**
   * Where a list's `total` stops counting: past it the list answers `total` = this and
   * `totalExact: false` ("10,000+"), so a page costs the same at a million tickets.
   */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 10000))
  QUERY_TOTAL_CAP = 10000;

  /** Where each of the queue's view and filter counts stops counting ("1,000+"); `exact=true` asks for every count in full. */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 1000))
  QUERY_COUNT_CAP = 1000;

  /** Run the SLA watch (records SLA warnings and breaches as they fall due) in this process. */
  @IsBoolean() @Transform(({ value }) => value === undefined ? true : value === true || value === 'true' || value === '1')
  RUN_SLA_WATCH = true;

  /**
   * What a breach sets off, in order (comma-separated): notify_supervisor (an internal note on the
   * ticket), raise_priority (one step, low -> medium -> high), reassign (routing picks another agent).
   */
  @IsIn(['notify_supervisor', 'raise_priority', 'reassign'], { each: true })
  @Transform(({ value }) => (value === undefined ? ['notify_supervisor', 'raise_priority'] : Array.isArray(value) ? value : String(value).split(',').map((v) => v.trim()).filter(Boolean)))
  SLA_ESCALATION: Array<'notify_supervisor' | 'raise_priority' | 'reassign'> = ['notify_supervisor', 'raise_priority'];

  /** Run auto-assignment (routing and acknowledgement deadlines) in this process. */
  @IsBoolean() @Transform(({ value }) => value === undefined ? true : value === true || value === 'true' || value === '1')
  RUN_ROUTING = true;

  @IsIn(['least_loaded', 'round_robin']) @Transform(({ value }) => value ?? 'least_loaded')
  ROUTING_STRATEGY: 'least_loaded' | 'round_robin' = 'least_loaded';

  /** Ed25519 private key (PEM) that signs feed checkpoints; unset: generated once into DATA_DIR. */
  @IsOptional() @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'AUDIT_SIGNING_KEY must be a PEM private key' })
  AUDIT_SIGNING_KEY?: string;

  /** How often the feed is signed (ms); 0 turns periodic checkpoints off. */
  @IsInt() @Min(0) @Transform(({ value }) => Number(value ?? 300000))
  AUDIT_CHECKPOINT_INTERVAL_MS = 300000;
  /**
   * Signs access tokens (HS256). Unset on the embedded default: a random one is made once and
   * kept in DATA_DIR/auth-jwt-secret. Required with EVENT_STORE_URL (every API process shares it).
   */
  @IsOptional() @IsString() @MinLength(32, { message: 'AUTH_JWT_SECRET must have at least 32 characters' })
  AUTH_JWT_SECRET?: string;

  @IsInt() @Min(30) @Max(3600) @Transform(({ value }) => Number(value ?? 900))
  AUTH_ACCESS_TOKEN_TTL_SECONDS = 900;

  @IsInt() @Min(1) @Max(365) @Transform(({ value }) => Number(value ?? 14))
  AUTH_REFRESH_TOKEN_TTL_DAYS = 14;

  @IsInt() @Min(1) @Max(1000) @Transform(({ value }) => Number(value ?? 20))
  AUTH_MAX_SESSIONS_PER_USER = 20;

  /** First admin, created on start when no account has this email. Never a default password. */
  @IsOptional() @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional() @IsString()
  ADMIN_PASSWORD?: string;

  /** Requests per RATE_LIMIT_WINDOW_SECONDS per client address; 0 turns the limit off. */
  @IsInt() @Min(0) @Transform(({ value }) => Number(value ?? 600))
  RATE_LIMIT = 600;

  @IsInt() @Min(1) @Max(86400) @Transform(({ value }) => Number(value ?? 60))
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Failed sign-ins per account, then per address, within LOGIN_FAILURE_WINDOW_SECONDS before 429. */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 5))
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 20))
  LOGIN_MAX_FAILURES_PER_ADDRESS = 20;

  @IsInt() @Min(1) @Max(86400) @Transform(({ value }) => Number(value ?? 900))
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /** Origins allowed to call the API from a browser, comma-separated ("*" for any); unset: none. */
  @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  /** Express "trust proxy": how client addresses are read behind a reverse proxy (false, true, a hop count or subnets). */
  @IsString() @Transform(({ value }) => (value === undefined ? 'false' : String(value)))
  TRUST_PROXY = 'false';

  // ---- Mail: inbound (the pipeline every transport delivers to) and outbound (the notification outbox) ----

  /** The helpdesk's own support addresses, comma-separated: mail from them is a loop. */
  @IsString({ each: true })
  @Transform(({ value }) => (value === undefined ? [] : Array.isArray(value) ? value : String(value).split(',').map((v) => v.trim().toLowerCase()).filter(Boolean)))
  SUPPORT_ADDRESSES: string[] = [];

  /** Where notifications are sent (smtp[s]://[user:password@]host:port); unset: recorded, not sent. */
  @IsOptional() @Matches(/^smtps?:\/\//, { message: 'SMTP_RELAY_URL must be an smtp:// or smtps:// URL' })
  SMTP_RELAY_URL?: string;

  /** From address of notifications; also where customers' replies go. */
  @IsEmail({}, { message: 'MAIL_FROM must be an email address' }) @Transform(({ value }) => value ?? 'support@helpdesk.localhost')
  MAIL_FROM = 'support@helpdesk.localhost';

  /** Display name of notifications' From. */
  @IsString() @Transform(({ value }) => value ?? 'Helpdesk')
  MAIL_FROM_NAME = 'Helpdesk';

  /** Key (32+ characters) of the Message-IDs the threading trusts; unset: generated once into DATA_DIR. */
  @IsOptional() @IsString() @MinLength(32, { message: 'MAIL_THREAD_SECRET must have at least 32 characters' })
  MAIL_THREAD_SECRET?: string;

  /** Run the notification outbox (the reactor that records notifications and the sender) in this process. */
  @IsBoolean() @Transform(({ value }) => value === undefined ? true : value === true || value === 'true' || value === '1')
  RUN_NOTIFICATIONS = true;

  /** Largest attachment accepted, by upload or by mail (bytes). */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 10485760))
  ATTACHMENT_MAX_BYTES = 10485760;

  /** apps/projector: how long a projection's lease lasts unrenewed (the longest a dead projector's projections stand still). */
  @IsInt() @Min(2) @Max(600) @Transform(({ value }) => Number(value ?? 15))
  PROJECTION_LEASE_SECONDS = 15;

  /** Delivery attempts of one notification before it is given up (a manual retry allows as many again). */
  @IsInt() @Min(1) @Max(100) @Transform(({ value }) => Number(value ?? 8))
  NOTIFICATION_MAX_ATTEMPTS = 8;

  /** Wait after a notification's first failed attempt; doubles after each further one. */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 60))
  NOTIFICATION_RETRY_BASE_SECONDS = 60;

  /** Longest wait between two attempts of a notification. */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 21600))
  NOTIFICATION_RETRY_MAX_SECONDS = 21600;
  /**
   * Longest wait for one DNS answer while checking SPF/DKIM/DMARC of inbound mail (ms); an
   * unanswered lookup is recorded as temperror. 0: no checks (recorded as skipped).
   */
  @IsInt() @Min(0) @Max(30000) @Transform(({ value }) => Number(value ?? 2000))
  MAIL_AUTH_DNS_TIMEOUT_MS = 2000;

  /** Longest text of an inbound message put on a ticket (characters); the rest stays in the raw message. */
  @IsInt() @Min(1000) @Transform(({ value }) => Number(value ?? 100000))
  MAIL_TEXT_MAX_CHARS = 100000;

  /** Most files one upload (a ticket submission or a comment) may carry. */
  @IsInt() @Min(1) @Max(100) @Transform(({ value }) => Number(value ?? 10))
  ATTACHMENT_MAX_COUNT = 10;

  // Operations: logs, metrics, readiness, shutdown.

  /** Least severe log line written (JSON on standard output): fatal, error, warn, info, debug, trace or silent. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) @Transform(({ value }) => value ?? 'info')
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  // ---- Mail transports: the SMTP listener (an MX) and the IMAP poller, both delivering to the pipeline ----

  /** Port of the inbound SMTP listener (25 for an MX; 0 picks a free one); unset: no listener. */
  @IsOptional() @IsInt() @Min(0) @Max(65535) @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  SMTP_PORT?: number;

  /** Address the SMTP listener binds. */
  @IsString() @Transform(({ value }) => value ?? '0.0.0.0')
  SMTP_HOST = '0.0.0.0';

  /** Largest inbound message the listener accepts (bytes, advertised as SIZE); larger ones are refused with 552. */
  @IsInt() @Min(1024) @Transform(({ value }) => Number(value ?? 26214400))
  SMTP_MAX_MESSAGE_BYTES = 26214400;

  /** PEM key and certificate files for STARTTLS on the listener; both unset: no STARTTLS. */
  @IsOptional() @IsString()
  SMTP_TLS_KEY_FILE?: string;

  @IsOptional() @IsString()
  SMTP_TLS_CERT_FILE?: string;

  /** Mailbox polled for support mail (imap[s]://user:password@host[:port]); unset: no poller. */
  @IsOptional() @Matches(/^imaps?:\/\//, { message: 'IMAP_URL must be an imap:// or imaps:// URL' })
  IMAP_URL?: string;

  /** Folder of IMAP_URL's mailbox the poller takes mail from. */
  @IsString() @Transform(({ value }) => value ?? 'INBOX')
  IMAP_FOLDER = 'INBOX';

  /** Seconds between two polls (new mail announced while the connection idles is taken at once). */
  @IsInt() @Min(1) @Max(86400) @Transform(({ value }) => Number(value ?? 60))
  IMAP_POLL_SECONDS = 60;


  /** Bearer token that may read /metrics/prometheus (a scraper's); unset: only admins and auditors, signed in. */
  @IsOptional() @IsString() @MinLength(32, { message: 'METRICS_TOKEN must have at least 32 characters' })
  METRICS_TOKEN?: string;

  /** /health/ready fails while any projection is more than this many seconds behind the event store's head. */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 30))
  READY_MAX_PROJECTION_LAG_SECONDS = 30;

  /** Longest a SIGTERM waits for in-flight requests to finish before the stores close anyway. */
  @IsInt() @Min(0) @Transform(({ value }) => Number(value ?? 25000))
  SHUTDOWN_GRACE_MS = 25000;

  /** 256-bit key (64 hex digits or base64) that wraps every data subject's key; unset: made once into DATA_DIR/pii-master-key. Required with EVENT_STORE_URL or MONGO_URL. */
  @IsOptional() @IsString()
  PII_MASTER_KEY?: string;

  /** Closed tickets older than this many days have their personal data erased or anonymised by the retention reactor; 0: never. */
  @IsInt() @Min(0) @Transform(({ value }) => Number(value ?? 0))
  RETENTION_CLOSED_TICKET_DAYS = 0;

  /** What retention does: `erase` (every personal field of the ticket) or `anonymise` (who: names, addresses, phone; what was written stays). */
  @IsIn(['erase', 'anonymise']) @Transform(({ value }) => value ?? 'erase')
  RETENTION_ACTION: 'erase' | 'anonymise' = 'erase';

  /** `true`: retention only reports (logs and GET /privacy/retention) what it would do. */
  @IsBoolean() @Transform(({ value }) => value === undefined ? false : value === true || value === 'true')
  RETENTION_DRY_RUN = false;

  /** How often the retention reactor looks for tickets past the policy. */
  @IsInt() @Min(1000) @Transform(({ value }) => Number(value ?? 3600000))
  RETENTION_INTERVAL_MS = 3600000;

  // ---- Satisfaction (CSAT) and auto-close ----

  /** Address the customer's browser reaches the UI at: the rating links in mail point there. */
  @IsString() @Matches(/^https?:\/\/[^\s/]+/, { message: 'PUBLIC_URL must be an http:// or https:// URL' }) @Transform(({ value }) => String(value ?? 'http://localhost:3000').replace(/\/+$/, ''))
  PUBLIC_URL = 'http://localhost:3000';

  /** Days after a resolution during which the customer may rate it or change the rating; then it is final. */
  @IsInt() @Min(1) @Max(365) @Transform(({ value }) => Number(value ?? 7))
  SATISFACTION_CHANGEABLE_DAYS = 7;

  /** What a rating of 1 or 2 sets off: reopen (the ticket), alert_supervisor (an internal note), none. */
  @IsIn(['reopen', 'alert_supervisor', 'none']) @Transform(({ value }) => value ?? 'alert_supervisor')
  SATISFACTION_LOW_SCORE_ACTION: 'reopen' | 'alert_supervisor' | 'none' = 'alert_supervisor';

  /** Key (32+ characters) that signs rating links; unset on the embedded default: made once into DATA_DIR. */
  @IsOptional() @IsString() @MinLength(32, { message: 'SATISFACTION_LINK_SECRET must have at least 32 characters' })
  SATISFACTION_LINK_SECRET?: string;

  /** Run the reactor that acts on ratings of 1-2 (SATISFACTION_LOW_SCORE_ACTION) in this process. */
  @IsBoolean() @Transform(({ value }) => value === undefined ? true : value === true || value === 'true' || value === '1')
  RUN_SATISFACTION_REACTOR = true;

  /** Run the auto-close watch (reminds, then closes unanswered resolved tickets) in this process. */
  @IsBoolean() @Transform(({ value }) => value === undefined ? true : value === true || value === 'true' || value === '1')
  RUN_AUTO_CLOSE = true;

  // ---- Live updates (GET /live) ----

  /** A comment line on every open stream this often, so proxies and browsers keep it open. */
  @IsInt() @Min(10) @Max(300_000) @Transform(({ value }) => Number(value ?? 15_000))
  LIVE_HEARTBEAT_MS = 15_000;

  /** Open streams one account may hold at once (tabs); one more is answered 429. */
  @IsInt() @Min(1) @Max(100_000) @Transform(({ value }) => Number(value ?? 10))
  LIVE_MAX_STREAMS_PER_PRINCIPAL = 10;

  /** Events a resuming stream may have missed and be replayed; further behind it is told to reset. */
  @IsInt() @Min(0) @Max(10_000_000) @Transform(({ value }) => Number(value ?? 10_000))
  LIVE_REPLAY_MAX_EVENTS = 10_000;

  /** How long a stream ticket from POST /live/ticket may be used to open a stream. */
  @IsInt() @Min(1) @Max(3600) @Transform(({ value }) => Number(value ?? 60))
  LIVE_TICKET_TTL_SECONDS = 60;

  /** Run the automation rules (triggers on the feed, time-based rules on their clocks) in this process. */
  @IsBoolean() @Transform(({ value }) => value === undefined ? true : value === true || value === 'true' || value === '1')
  RUN_AUTOMATION = true;

  /** Hours before the auto-close that the customer is reminded (0: no reminder). */
  @IsInt() @Min(0) @Max(24 * 365) @Transform(({ value }) => Number(value ?? 24))
  AUTO_CLOSE_REMINDER_HOURS = 24;

  // ---- Customers: sign-up and sign-in by email, the public web form ----

  // PUBLIC_URL (above, with satisfaction) is also where the verification links point.

  /** Minutes an email's one-time link and code stay good. */
  @IsInt() @Min(1) @Max(1440) @Transform(({ value }) => Number(value ?? 15))
  CUSTOMER_CODE_TTL_MINUTES = 15;

  /** Links and codes sent to one address within the window before more are refused (429). */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 5))
  CUSTOMER_CODES_PER_ADDRESS = 5;

  /** Links and codes asked for from one client address within the window before 429. */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 20))
  CUSTOMER_CODES_PER_IP = 20;

  /** Wrong codes for one address within the window before codes for it are refused (the link still works). */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 5))
  CUSTOMER_CODE_MAX_FAILURES = 5;

  /** The window of the three limits above, in minutes. */
  @IsInt() @Min(1) @Transform(({ value }) => Number(value ?? 60))
  CUSTOMER_CODE_WINDOW_MINUTES = 60;
}

export function validateSettings(env: Record<string, unknown>): Settings {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const settings = plainToInstance(Settings, defined, { exposeDefaultValues: true });
  const errors = validateSync(settings, { whitelist: false });
  if (errors.length) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return settings;
}

export const SETTINGS = Symbol('SETTINGS');
