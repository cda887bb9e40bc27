import { Module } from '@nestjs/common';
import { StreamCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { AuthModule } from '../auth/auth.module';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { AutomationRulesController } from './automation-rules.controller';
import { RuleBacktestService } from './rule-backtest.service';
import { RunRuleHandler } from './rule-command-handler';
import { RuleFiringsController } from './rule-firings.controller';

/** Automation rules: kept by supervisors (triggers and time-based rules), backtested, and their firings read back. */
@Module({
  imports: [AuthModule],
  controllers: [AutomationRulesController, RuleFiringsController],
  providers: [
    { provide: StreamCommandRunner, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new StreamCommandRunner(store, clock) },
    RunRuleHandler,
    RuleBacktestService,
    ConsistencyInterceptor,
  ],
  exports: [RuleBacktestService],
})
export class AutomationModule {}
