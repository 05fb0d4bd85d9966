import { createMockHub } from './mockHub.ts';

// Started by Playwright (playwright.config.ts, webServer) on its own port; it serves until Playwright stops it.
const port = Number(process.argv[2] ?? 4175);
createMockHub().server.listen(port, () => process.stdout.write(`mock Hub on http://localhost:${port}\n`));
