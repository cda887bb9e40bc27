import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSchemathesis, fuzzApi, RoleResult, SCHEMATHESIS_VERSION } from './schemathesis';

/*
 * schemathesis tests every operation of the app's own OpenAPI document, signed in as each role.
 * Bounded here (5 cases per operation, no coverage phase: about a minute idle, several on a busy
 * machine, hence the generous timeout); `npm run fuzz` runs every phase with 100 cases per
 * operation and every check. FUZZ_ROLES=customer,agent picks roles.
 * The app under test waits only a moment for a generated consistentWith (see schemathesis.ts):
 * with the tests' 30 s wait each such read took that long, and the run did not end in 40 minutes.
 * Gating checks: no 5xx, every status, content type, header and body as the document says.
 */
const schemathesis = findSchemathesis();
const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES ?? 5);
const CHECKS = process.env.FUZZ_CHECKS ?? 'not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance';

if (!schemathesis) {
  const reason = `schemathesis ${SCHEMATHESIS_VERSION} is not installed (.ci/run installs it into $HELPDESK_CACHE/schemathesis-venv; or set SCHEMATHESIS_BIN)`;
  if (process.env.REQUIRE_FUZZ) throw new Error(`${reason}; REQUIRE_FUZZ is set, so this is a failure`);
  console.warn(`OpenAPI fuzzing skipped: ${reason}`);
}

(schemathesis ? describe : describe.skip)('the HTTP API fuzzed from its own OpenAPI document (schemathesis)', () => {
  let reportDir: string;
  beforeAll(() => (reportDir = mkdtempSync(join(tmpdir(), 'helpdesk-fuzz-'))));
  afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

  it('finds no failure on any operation, as any role', async () => {
    const results: RoleResult[] = await fuzzApi({
      schemathesis: schemathesis!,
      maxExamples,
      seed: Number(process.env.FUZZ_SEED ?? 20260105),
      phases: process.env.FUZZ_PHASES ?? 'examples,fuzzing,stateful',
      checks: CHECKS,
      ...(process.env.FUZZ_ROLES ? { roles: process.env.FUZZ_ROLES.split(',') as RoleResult['role'][] } : {}),
      reportDir,
      log: (line) => console.info(line),
    });
    const total = results.reduce((sum, r) => ({ operations: sum.operations + r.operations, requests: sum.requests + r.requests }), { operations: 0, requests: 0 });
    console.info(`schemathesis: ${total.operations} operations tested over ${results.length} roles, ${total.requests} test cases`);
    const failing = results.filter((r) => r.exitCode !== 0 || r.failures.length > 0).map((r) => ({ role: r.role, failures: r.failures, exitCode: r.exitCode, report: failureReport(r.output) }));
    expect(failing).toEqual([]);
    for (const r of results) expect(r.operations).toBeGreaterThan(0);
  }, Number(process.env.FUZZ_TIMEOUT_MS ?? 1_200_000));
});

/** schemathesis's FAILURES section (what failed, how to reproduce it), else the output's end. */
function failureReport(output: string): string {
  const start = output.search(/^[=_]{3,} FAILURES [=_]{3,}$/m);
  const report = start >= 0 ? output.slice(start) : output.slice(-4000);
  // Generated URLs can run to tens of kilobytes: each line is cut so every failure shows.
  return report.split('\n').map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line)).join('\n').slice(0, 20_000);
}
