export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/imports', handler: 'imports.create', config: { policies: [] } },
    { method: 'POST', path: '/ledger', handler: 'imports.ledger', config: { policies: [] } },
    {
      method: 'GET',
      path: '/templates/:documentId/preview',
      handler: 'templates.preview',
      config: { policies: [] },
    },
    { method: 'POST', path: '/cycles', handler: 'strategy.runCycle', config: { policies: [] } },
    {
      method: 'POST',
      path: '/actions/:documentId/outcome',
      handler: 'strategy.recordTaskOutcome',
      config: { policies: [] },
    },
    { method: 'GET', path: '/dead-letters', handler: 'deadLetters.list', config: { policies: [] } },
    {
      method: 'GET',
      path: '/actions/:documentId/document',
      handler: 'deadLetters.document',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/actions/:documentId/retry',
      handler: 'deadLetters.retry',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/actions/:documentId/confirm-sent',
      handler: 'deadLetters.confirmSent',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/strategy/dry-run',
      handler: 'strategy.dryRun',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/strategy/experiments',
      handler: 'strategy.experiments',
      config: { policies: [] },
    },
  ],
};
