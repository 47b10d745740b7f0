// The layers of the code (docs/architecture.md#the-shape), checked by `npm test`: the domain knows
// neither HTTP nor the database nor a runtime, views know nothing of HTTP, and no module imports
// itself round a circle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-stands-alone',
      comment: 'The domain is given its store, mailer, clock and hashing: it imports no layer around it.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(http|db|views|live|mail)/' },
    },
    {
      name: 'domain-runs-anywhere',
      comment: 'The domain runs on Node and Workers alike: no node:* (Web Crypto, not node:crypto).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'views-know-no-http',
      comment: 'Views render what they are given; what the routes share with them lives in the views.',
      severity: 'error',
      from: { path: '^src/views/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
