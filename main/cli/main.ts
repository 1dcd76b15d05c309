import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../app/create-app';
import { registerBackup } from './commands/backup';
import { registerAudit } from './commands/audit';
import { registerCall } from './commands/call';
import { registerIntake } from './commands/intake';
import { registerPrint } from './commands/print';
import { registerReports } from './commands/reports';
import { registerSetup } from './commands/setup';
import { registerScan } from './commands/scan';
import { registerOcr } from './commands/ocr';
import { registerSearch } from './commands/search';
import { registerUsers } from './commands/users';
import { registerSignatures } from './commands/signatures';
import { EXIT, reportError } from './run';

/**
 * The `motcua` command line: admin and automation over the same dispatcher as the app.
 * Output is JSON on stdout; messages for people go to stderr in Vietnamese.
 * Exit codes: 0 ok, 2 bad input (invalid value, unknown record), 1 anything else.
 */
export function buildProgram(): Command {
  const program = new Command('motcua')
    .description('MotCua Desk — dòng lệnh quản trị Bộ phận Một cửa')
    .version(APP_VERSION, '-v, --version', 'in phiên bản')
    .helpOption('-h, --help', 'hiện hướng dẫn')
    .option('--data-dir <dir>', 'thư mục dữ liệu (mặc định: thư mục của ứng dụng, hoặc biến MOTCUA_DATA_DIR)')
    .showHelpAfterError()
    .exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerSetup(program);
  registerCall(program);
  registerAudit(program);
  registerBackup(program);
  registerIntake(program);
  registerScan(program);
  registerPrint(program);
  registerReports(program);
  registerUsers(program);
  registerOcr(program);
  registerSearch(program);
  registerSignatures(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; a missing option or unknown command is bad input.
      return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    return reportError(err);
  }
}

