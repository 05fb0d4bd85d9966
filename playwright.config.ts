import { defineConfig } from '@playwright/test';
import { APP_PORT, HUB_APP_PORT, MOCK_HUB_PORT, MOCK_HUB_URL } from './tests/e2e/ports.ts';

// E2E_PORT / E2E_OUT_DIR let a second checkout or a parallel run use its own server and build folder.
const port = APP_PORT;
const outDir = process.env.E2E_OUT_DIR ?? 'dist';
const hubOutDir = `${outDir}-hubtest`;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseArgs = [
  '--headless=new',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

// One worker: the machine is small and each project loads the model and runs three generations.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 300_000,
  expect: { timeout: 30_000 },
  // The JSON report lets `npm test` repeat each failure's first lines in its closing summary, where a
  // CI log that keeps only its tail still shows them.
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    // A service worker answers requests before Playwright's routing sees them, and most specs patch or
    // count requests with routes. The specs about the service worker (offline, a host without headers)
    // allow it themselves.
    serviceWorkers: 'block'
  },
  webServer: [
    {
      command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
      url: `http://localhost:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe'
    },
    {
      // The Hub stand-in (tests/e2e/mockHub.ts): no test reaches huggingface.co.
      command: `npx tsx tests/e2e/mockHubServer.ts ${MOCK_HUB_PORT}`,
      url: `${MOCK_HUB_URL}__requests`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe'
    },
    {
      // A second build pointed at the stand-in; the production build above keeps the strict CSP.
      command: `npx vite build --outDir ${hubOutDir} --emptyOutDir && npx vite preview --outDir ${hubOutDir} --port ${HUB_APP_PORT} --strictPort`,
      url: `http://localhost:${HUB_APP_PORT}`,
      env: { VITE_HUB_HOST: MOCK_HUB_URL },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe'
    }
  ],
  projects: [
    {
      name: 'wasm',
      metadata: { device: 'wasm' },
      use: { browserName: 'chromium', launchOptions: { executablePath, args: baseArgs } }
    },
    {
      name: 'webgpu',
      // SwiftShader compiles and runs every WebGPU kernel on the CPU: minutes, not seconds.
      timeout: 600_000,
      metadata: { device: 'webgpu' },
      use: { browserName: 'chromium', launchOptions: { executablePath, args: [...baseArgs, '--enable-unsafe-webgpu'] } }
    }
  ]
});
