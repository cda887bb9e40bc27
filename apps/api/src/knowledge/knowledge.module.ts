import { Module, OnModuleInit } from '@nestjs/common';
import { HelpdeskMetrics } from '../monitoring/helpdesk-metrics';
import { knowledgeMetrics } from './knowledge-metrics';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { AuthModule } from '../auth/auth.module';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { KnowledgeCommandRunner } from './knowledge-command-runner';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeMetricsController } from './knowledge-metrics.controller';
import { KnowledgeReadModels } from './knowledge-read-models';
import { SuggestionsController } from './suggestions.controller';

/** The knowledge base: articles, search, suggestions and deflection, links from tickets. */
@Module({
  imports: [AuthModule],
  controllers: [KnowledgeController, SuggestionsController, KnowledgeMetricsController],
  providers: [
    { provide: KnowledgeCommandRunner, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new KnowledgeCommandRunner(store, clock) },
    KnowledgeReadModels,
    ConsistencyInterceptor,
  ],
  exports: [KnowledgeReadModels],
})
export class KnowledgeModule implements OnModuleInit {
  constructor(
    private readonly metrics: HelpdeskMetrics,
    private readonly kb: KnowledgeReadModels,
  ) {}

  /** The deflection and helpfulness figures for Prometheus too, read from the read models when scraped. */
  onModuleInit(): void {
    const m = this.metrics;
    m.gauge('helpdesk_kb_suggestion_sessions', 'Suggestion sessions that showed articles, by outcome (deflected, filed anyway, neither yet)', ['outcome'], async (set) => {
      const { deflection } = await knowledgeMetrics(this.kb, 1);
      set({ outcome: 'deflected' }, deflection.deflected);
      set({ outcome: 'filed' }, deflection.filedAnyway);
      set({ outcome: 'open' }, deflection.sessionsWithSuggestions - deflection.deflected - deflection.filedAnyway);
    });
    m.gauge('helpdesk_kb_votes', 'Was-this-helpful votes on articles, by answer', ['helpful'], async (set) => {
      const { helpfulness } = await knowledgeMetrics(this.kb, 1);
      set({ helpful: 'yes' }, helpfulness.helpful);
      set({ helpful: 'no' }, helpfulness.notHelpful);
    });
  }
}
