import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist-*/',
      'node_modules/',
      '.work/',
      '.bench/',
      'models/**/*.onnx',
      'test-results/',
      'playwright-report/',
      'docs/'
    ]
  },
  js.configs.recommended,
  ts.configs.strict,
  svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node }
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error'
    }
  },
  // Layers point one way (README, "Project layout"): components → state → engine/client, hub, eval, prompts → core.
  {
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/state/**', 'src/lib/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/state/**', '$lib/state/**'], message: 'Only state/, components and App import the stores.' },
            { group: ['**/components/**', '$lib/components/**'], message: 'Only components and App import components.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/lib/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/state/**', '**/hub/**', '**/models/**', '**/components/**'],
              message: 'The engine knows no stores, Hub code or catalog: the page hands it a ModelRef.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/lib/engine/worker/**/*.ts', 'src/lib/engine/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/state/**',
                '**/hub/**',
                '**/models/**',
                '**/components/**',
                '**/client/**',
                '../../*/**',
                '!../../core/**'
              ],
              message: 'Worker-bundle code imports only engine/worker, engine/shared and core/.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/lib/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['./*', '../**'], message: 'core/ imports nothing.' }] }]
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  }
);
