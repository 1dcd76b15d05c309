import { CliInputError } from '../run';

/**
 * A secret for the CLI (the recovery code) from an environment variable or stdin, never from the
 * command line, where it would sit in `ps` and the shell history.
 */
export async function readSecretInput(envName: string, prompt: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv && fromEnv.trim() !== '') return fromEnv.trim();
  if (process.stdin.isTTY) process.stderr.write(prompt);
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    text += chunk as string;
    if (text.includes('\n') || text.length > 200) break;
  }
  const line = text.split('\n')[0]!.trim();
  if (line === '') throw new CliInputError(`Chưa có mã: đặt biến ${envName} hoặc nhập mã qua stdin.`);
  return line;
}
