/**
 * The architecture's import rules as an ALLOW-LIST (docs/ARCHITECTURE.md, "Layers"): each layer
 * names what it may import; anything else is an error. Modelled on VS Code's layering rule: a new
 * folder or a new kind of dependency is forbidden until someone decides, here, that it is allowed.
 * Run by `npm run lint` (depcruise); test/arch/import-rules.test.ts proves the rules bite.
 *
 * Third-party packages and Node built-ins are governed by ESLint's no-restricted-imports (electron
 * only in shell/preload, drivers only in store/dialect.ts, shared/ only zod): this file is about
 * which of OUR folders may depend on which.
 */
const ours = (layer, ...allowed) => ({
  from: { path: `^${layer}/` },
  to: { path: `^(${[layer, ...allowed].join('|')})/` },
});
const outside = { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'] };

module.exports = {
  allowed: [
    // Any layer may use packages and Node built-ins (narrowed per layer by ESLint).
    { from: {}, to: outside },
    // shared/: code for main and renderer alike; assets/ holds data files it may read at build time.
    ours('shared', 'assets'),
    // The renderer talks to the core only through the contract.
    ours('renderer/src', 'shared', 'assets'),
    // The preload gates IPC with the generated name list, nothing more.
    { from: { path: '^main/preload/' }, to: { path: '^(main/preload/|shared/contract/names\\.ts$)' } },
    // The store sits below the core: repositories over Kysely.
    ours('main/store', 'shared'),
    // The core: use cases over the store and the ports it declares.
    ours('main/core', 'main/store', 'shared', 'assets'),
    // Adapters implement the core's ports; they see the ports and shared/, never core internals.
    ours('main/adapters', 'main/core/ports', 'shared', 'assets'),
    // The dispatcher validates and checks access, then calls the core's handlers.
    { from: { path: '^main/rpc/' }, to: { path: '^(main/rpc/|shared/|main/core/(context|handlers)\\.ts$|main/core/ports/)' } },
    // The composition root wires everything below the transports.
    ours('main/app', 'main/core', 'main/store', 'main/adapters', 'main/rpc', 'shared', 'assets'),
    // Transports and the command line stand on the app only.
    ours('main/host', 'main/app', 'shared'),
    ours('main/shell', 'main/app', 'shared'),
    ours('main/cli', 'main/app', 'shared'),
    // TEMPORARY, shrinking: the backup and audit commands still call the core directly; they move
    // behind the dispatcher with the backup restructuring (issue 19). Delete this entry then.
    { from: { path: '^main/cli/commands/backup\\.ts$' }, to: { path: '^main/core/' } },
  ],
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.tsx?$|\\.spec\\.ts$|^test/|^dist/|^scripts/|^bin/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.d.ts', '.js', '.json'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
