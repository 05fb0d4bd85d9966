// Ports of the e2e servers. E2E_PORT moves them all, so a second checkout or a parallel run can use its own.
export const APP_PORT = Number(process.env.E2E_PORT ?? 4173);
/** The test build that talks to the mock Hub instead of huggingface.co (its CSP allows that origin). */
export const HUB_APP_PORT = Number(process.env.E2E_HUB_APP_PORT ?? APP_PORT + 1);
export const MOCK_HUB_PORT = Number(process.env.E2E_HUB_PORT ?? APP_PORT + 2);
export const MOCK_HUB_URL = `http://localhost:${MOCK_HUB_PORT}/`;
export const HUB_APP_URL = `http://localhost:${HUB_APP_PORT}`;
