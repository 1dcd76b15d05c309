import { parseArgs } from 'node:util';
import { ConfigError } from '../app/config';
import { resolveDataDir } from '../app/data-dir';
import { createJsonLogger } from '../app/json-logger';
import { RENDERER_DIST } from '../app/paths';
import { startDeskRuntime } from '../app/runtime';
import { clockFromEnv } from '../app/clock';
import { startHost } from './server';

/**
 * `npm run host`: browser mode. Prints the address to open (token in the fragment) and, with
 * --json, one JSON line that tests and scripts read.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: process.env.MOTCUA_PORT ?? '0' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Cách dùng: npm run host -- [--data-dir THƯ_MỤC] [--port SỐ] [--json]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Cổng không hợp lệ: ${values.port}\n`);
    process.exit(2);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  const logger = createJsonLogger(dataDir);
  const clock = clockFromEnv();
  // A damaged database does not stop the host: it starts in recovery mode and the page offers the latest good backup.
  const runtime = await startDeskRuntime({ dataDir, logger, clock, validateOutputs: process.env.NODE_ENV !== 'production', backgroundJobs: true });
  const host = await startHost({ runtime, staticDir: process.env.MOTCUA_RENDERER_DIR ?? RENDERER_DIST, port });
  if (values.json) {
    process.stdout.write(JSON.stringify({ url: host.url, openUrl: host.openUrl, port: host.port, token: host.token, dataDir, store: runtime.app()?.store.kind ?? null, mode: runtime.mode() }) + '\n');
  } else {
    process.stdout.write(`MotCua Desk — chế độ trình duyệt\n  Dữ liệu: ${dataDir} (${runtime.describe()})\n  Mở địa chỉ: ${host.openUrl}\n  Nhấn Ctrl+C để dừng.\n`);
  }
  const stop = async () => {
    await host.close();
    await runtime.close();
    await logger.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`Không khởi động được MotCua Desk: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(1);
});
