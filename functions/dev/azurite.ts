import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

// The azurite package's main entry is its VS Code extension; the table server lives here.
const require = createRequire(import.meta.url);
const TableServer = (
  require('azurite/dist/src/table/TableServer') as { default: new (config: unknown) => AzuriteServer }
).default;
const TableConfiguration = (
  require('azurite/dist/src/table/TableConfiguration') as { default: new (...args: unknown[]) => unknown }
).default;

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}

/** Azurite's documented development account; it only ever exists on this machine. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  connectionString: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts Azurite's Table service in this process: in memory (tests, port 0 picks a free port), or
 * persisting under `dataDir` so a restart keeps every plan.
 */
export async function startAzurite(options: { dataDir?: string; port?: number } = {}): Promise<RunningAzurite> {
  const inMemory = !options.dataDir;
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const config = new TableConfiguration(
    '127.0.0.1',
    options.port ?? 0,
    undefined,
    options.dataDir ? join(options.dataDir, '__azurite_db_table__.json') : undefined,
    false,
    false,
    undefined,
    undefined,
    false,
    false,
    '',
    '',
    '',
    undefined,
    false,
    inMemory,
  );
  const server = new TableServer(config);
  await server.start();
  const port = Number(new URL(`http://${server.getHttpServerAddress().replace(/^https?:\/\//, '')}`).port);
  return {
    port,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};TableEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    close: () => server.close(),
  };
}
