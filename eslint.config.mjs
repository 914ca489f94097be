import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

// Packages that only one lib may import: the rest of the code reaches them through that lib.
const persistenceOnly = ['typeorm', 'pg'];
const messagingOnly = ['kafkajs'];
const storageOnly = ['minio'];
const ioPackages = [
  ...persistenceOnly,
  ...messagingOnly,
  ...storageOnly,
  '@nestjs/*',
  'sharp',
  'onnxruntime-node',
  'onvif',
  'pino',
  'pino-http',
  '@opentelemetry/*',
  'express',
  'node:*',
  'fs',
  'http',
  'https',
  'net',
  'child_process',
];

const DEP_CONSTRAINTS = [
  // Layers.
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: ioPackages },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
    bannedExternalImports: ioPackages.filter((p) => p !== 'node:*'),
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util', 'type:data-access'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:contracts',
      'type:util',
      'type:data-access',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:contracts',
      'type:util',
      'type:data-access',
      'type:testing',
    ],
  },
  // End-to-end harnesses start apps as processes; they never import an app.
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:contracts',
      'type:util',
      'type:data-access',
      'type:testing',
    ],
    bannedExternalImports: [...persistenceOnly, ...messagingOnly, ...storageOnly],
  },
  // Scopes: a bounded context sees itself and the shared libs.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:lpr', onlyDependOnLibsWithTags: ['scope:lpr', 'scope:shared'] },
  { sourceTag: 'scope:camera', onlyDependOnLibsWithTags: ['scope:camera', 'scope:shared'] },
  { sourceTag: 'scope:gate', onlyDependOnLibsWithTags: ['scope:gate', 'scope:shared'] },
  { sourceTag: 'scope:ledger', onlyDependOnLibsWithTags: ['scope:ledger', 'scope:shared'] },
  { sourceTag: 'scope:video', onlyDependOnLibsWithTags: ['scope:video', 'scope:shared'] },
  { sourceTag: 'scope:upload', onlyDependOnLibsWithTags: ['scope:upload', 'scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
  // An end-to-end suite drives every service, so it may use any service's test tools (simulators, generators).
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['*'] },
  // The console runs in browsers: it shares only the pure domain model and contracts.
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  // One owner per infrastructure client.
  { sourceTag: 'lib:persistence', bannedExternalImports: [...messagingOnly, ...storageOnly] },
  { sourceTag: 'lib:messaging', bannedExternalImports: [...persistenceOnly, ...storageOnly] },
  { sourceTag: 'lib:storage', bannedExternalImports: [...persistenceOnly, ...messagingOnly] },
  { sourceTag: 'type:util', bannedExternalImports: [...persistenceOnly, ...messagingOnly, ...storageOnly] },
  { sourceTag: 'type:app', bannedExternalImports: [...persistenceOnly, ...messagingOnly, ...storageOnly] },
  {
    sourceTag: 'type:testing',
    bannedExternalImports: [...persistenceOnly, ...messagingOnly, ...storageOnly],
  },
  { sourceTag: 'lib:lpr', bannedExternalImports: [...persistenceOnly, ...messagingOnly, ...storageOnly] },
  {
    sourceTag: 'lib:document-reading',
    bannedExternalImports: [...persistenceOnly, ...messagingOnly, ...storageOnly],
  },
  // Cameras are reached only through libs/onvif's typed client, never the `onvif` package itself.
  ...[
    'type:app',
    'type:testing',
    'type:util',
    'type:e2e',
    'lib:persistence',
    'lib:messaging',
    'lib:storage',
    'lib:lpr',
    'lib:document-reading',
  ].map((sourceTag) => ({ sourceTag, bannedExternalImports: ['onvif'] })),
];

// Layers, scopes and the one owner of each infrastructure client. Tests may also use the testing lib.
const boundaries = (inTests) => {
  const layer = (tags) => (inTests ? [...tags, 'type:testing'] : tags);
  return {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: DEP_CONSTRAINTS.map((c) =>
      c.onlyDependOnLibsWithTags && c.sourceTag.startsWith('type:')
        ? { ...c, onlyDependOnLibsWithTags: layer(c.onlyDependOnLibsWithTags) }
        : c,
    ),
  };
};

export default [
  { ignores: ['**/node_modules', '**/dist', '**/coverage', '.data', '.nx', 'tmp'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*', '@ecogate/*/*', '!@ecogate/*/testing'],
              message:
                'Import a lib through its public entry (@ecogate/<lib>, or @ecogate/<lib>/testing for its test kit).',
            },
          ],
        },
      ],
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.embedded-spec.ts',
      '**/test/**/*.ts',
      '**/testing/**/*.ts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(true)],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/console/**/*.tsx', 'apps/console/**/*.ts'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.e2e.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { ignores: ['apps/console/src/api/generated/**'] },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
];
