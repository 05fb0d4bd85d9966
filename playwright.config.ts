import { defineConfig } from '@playwright/test';

// E2E_PORT / E2E_OUT_DIR let a second checkout or a parallel run use its own server and build folder.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_OUT_DIR ?? 'dist';
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
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe'
  },
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
