/**
 * The layers of docs/ARCHITECTURE.md, checked on every CI run (`npm run lint:layers`): dependencies
 * point down only. cli, server → runtime → listeners → commands → ingest → store, triage, jobs,
 * channels, events → domain → platform. Test files (*.test.ts) may reach any layer.
 */
const layer = (name, path, mayNotUse) => ({
  name: `layer-${name}`,
  comment: `${path} must not import ${mayNotUse.join(', ')} (dependencies point down)`,
  severity: 'error',
  from: { path: `^src/${path}/`, pathNot: '\\.test\\.ts$' },
  to: { path: `^src/(${mayNotUse.join('|')})/` },
});

const aboveInfrastructure = ['ingest', 'commands', 'listeners', 'runtime', 'server', 'cli'];
const infrastructure = ['store', 'triage', 'jobs', 'channels', 'events'];

module.exports = {
  forbidden: [
    layer('platform', 'platform', ['domain', ...infrastructure, ...aboveInfrastructure]),
    layer('domain', 'domain', ['guidelines', ...infrastructure, ...aboveInfrastructure]),
    // the check before sending: pure like the domain (the web app runs it on every keystroke)
    layer('guidelines', 'guidelines', [...infrastructure, ...aboveInfrastructure]),
    ...infrastructure.map((name) => layer(name, name, aboveInfrastructure)),
    layer('ingest', 'ingest', ['commands', 'listeners', 'runtime', 'server', 'cli']),
    layer('commands', 'commands', ['listeners', 'runtime', 'server', 'cli']),
    layer('listeners', 'listeners', ['runtime', 'server', 'cli']),
    layer('runtime', 'runtime', ['server', 'cli']),
    layer('server', 'server', ['cli']),
    {
      name: 'browser-code-imports-shared-modules-only',
      comment:
        'the web app and the widget may share only pure modules with the server: the domain, the reply checks, the chat protocol and the API contract',
      severity: 'error',
      from: { path: '^(web|widget)/' },
      to: {
        path: '^src/',
        pathNot:
          '^src/(domain/|guidelines/|channels/chat/protocol\\.ts$|contract/|server/routes/[^/]+\\.schema\\.ts$)',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.check.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
