import type { Command } from 'commander';
import { signFile, verifyFile, type KeySource } from '../../app/sign-file';
import { CliInputError, EXIT, printJson } from '../run';

/**
 * `motcua sign FILE --out F [--p12 F | --pkcs11 LIB --slot N] [--reason …]`: sign a PDF file with a .p12
 * or a token (PIN / password from MOTCUA_PIN / MOTCUA_P12_PASSWORD, else the first line of stdin, never an
 * argument: arguments show in the process list). `motcua signatures verify FILE [--trust DIR]`: JSON
 * [{signer, organisation, signedAt, intact, trusted, reason}], exit 0 only when every signature is intact
 * and trusted.
 */

async function secret(envName: string, what: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) throw new CliInputError(`Cần ${what}: đặt biến môi trường ${envName} hoặc nhập qua stdin.`);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new CliInputError(`Cần ${what}: đặt biến môi trường ${envName} hoặc nhập qua stdin.`);
  return line;
}

interface SignOpts {
  out?: string;
  p12?: string;
  pkcs11?: string;
  slot?: string;
  keyId?: string;
  reason?: string;
  visible?: string;
}

export function registerSignatures(program: Command): void {
  program
    .command('sign')
    .description('Ký số một tệp PDF (PAdES) bằng tệp .p12 hoặc thiết bị ký số (USB token, PKCS#11)')
    .argument('<file>', 'tệp PDF cần ký')
    .option('--out <file>', 'tệp PDF đã ký (bắt buộc)')
    .option('--p12 <file>', 'tệp chứng thư số .p12/.pfx (mật khẩu: MOTCUA_P12_PASSWORD hoặc stdin)')
    .option('--pkcs11 <lib>', 'thư viện PKCS#11 của token (mã PIN: MOTCUA_PIN hoặc stdin)')
    .option('--slot <N>', 'khe của token (mặc định 0)')
    .option('--key-id <hex>', 'CKA_ID của chứng thư trên token (mặc định: chứng thư đầu tiên có khóa ký)')
    .option('--reason <text>', 'lý do ký')
    .option('--visible <PAGE,X,Y>', 'đặt chữ ký hiện trên trang PAGE tại X,Y (điểm PDF)')
    .action(async (file: string, opts: SignOpts) => {
      if (!opts.out) throw new CliInputError('Cần --out <tệp đã ký.pdf>.');
      if (Boolean(opts.p12) === Boolean(opts.pkcs11)) throw new CliInputError('Cần đúng một trong --p12 <tệp> hoặc --pkcs11 <thư viện> --slot <N>.');
      if (opts.visible !== undefined) throw new CliInputError('Chữ ký hiện (--visible) chưa có trong bản này; bỏ --visible để ký ẩn.');
      if (opts.slot !== undefined && !/^\d{1,2}$/.test(opts.slot)) throw new CliInputError(`--slot "${opts.slot}" phải là số nguyên từ 0.`);
      const source: KeySource = opts.p12
        ? { kind: 'p12', file: opts.p12, password: await secret('MOTCUA_P12_PASSWORD', 'mật khẩu tệp .p12') }
        : { kind: 'pkcs11', library: opts.pkcs11!, slot: Number(opts.slot ?? 0), ...(opts.keyId ? { keyId: opts.keyId } : {}), pin: await secret('MOTCUA_PIN', 'mã PIN của token') };
      printJson({ file: opts.out, ...(await signFile(file, opts.out, source, opts.reason ?? '')) });
    });

  const signatures = program.command('signatures').description('Chữ ký số trên tệp PDF');
  signatures
    .command('verify')
    .description('Kiểm tra các chữ ký số trong tệp PDF (JSON); mã thoát 0 chỉ khi mọi chữ ký nguyên vẹn và được tin cậy')
    .argument('<file>', 'tệp PDF cần kiểm tra')
    .option('--trust <dir>', 'thư mục chứng thư gốc được tin cậy (*.pem, *.crt, *.cer, *.der)')
    .action(async (file: string, opts: { trust?: string }) => {
      const checks = await verifyFile(file, opts.trust);
      printJson(checks);
      if (checks.length === 0 || checks.some((c) => !c.intact || !c.trusted)) process.exitCode = EXIT.failure;
    });
}
