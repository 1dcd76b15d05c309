/** CUPS adapter logic with a scripted runner: states and failures a CI queue cannot produce. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { RunFailure, runProcess, type RunOptions, type RunResult } from '../../main/adapters/printer/common';
import { CupsPrinter, isValidQueueName, parseLpstatPrinters, parseRequestId, queueOfJob } from '../../main/adapters/printer/cups';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const LPSTAT = [
  'printer HP_LaserJet is idle.  enabled since Sun Nov 29 09:43:56 2026',
  '\tForm mounted:',
  '\tDescription: Máy in quầy 1',
  '\tAlerts: none',
  'printer Canon_Bo_phan now printing Canon_Bo_phan-41.  enabled since Sun Nov 29 09:40:00 2026',
  '\tDescription: ',
  'printer Epson_Cu disabled since Sun Nov 29 09:44:02 2026 -',
  '\tPaused: out of paper',
  '\tForm mounted:',
  '\tDescription: Epson cũ',
  'printer Weird is in some future state',
  'system default destination: Canon_Bo_phan/a5',
  '',
].join('\n');

type Call = { command: string; args: readonly string[]; options?: RunOptions };

function scripted(responses: Array<(c: Call) => RunResult | Promise<RunResult>>) {
  const calls: Call[] = [];
  const run = async (command: string, args: readonly string[], options?: RunOptions) => {
    const call = { command, args, options };
    calls.push(call);
    const next = responses.shift();
    if (!next) throw new Error(`unexpected call ${command} ${args.join(' ')}`);
    return next(call);
  };
  return { run, calls };
}
const ok = (stdout: string, stderr = ''): (() => RunResult) => () => ({ code: 0, stdout, stderr });
const fail = (stderr: string, code = 1): (() => RunResult) => () => ({ code, stdout: '', stderr });
const IDLE = ok('printer Q is idle.  enabled since x\n\tDescription: q\nsystem default destination: Q\n');

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('parsing lpstat / lp output', () => {
  it('reads states, descriptions, reasons and the default (instance stripped)', () => {
    const { printers, defaultName } = parseLpstatPrinters(LPSTAT);
    expect(defaultName).toBe('Canon_Bo_phan');
    expect(printers).toEqual([
      { name: 'HP_LaserJet', isDefault: false, state: 'idle', description: 'Máy in quầy 1' },
      { name: 'Canon_Bo_phan', isDefault: true, state: 'printing' },
      { name: 'Epson_Cu', isDefault: false, state: 'stopped', description: 'Epson cũ', reason: 'Paused: out of paper' },
      { name: 'Weird', isDefault: false, state: 'unknown' },
    ]);
  });

  it('handles no printers and no default', () => {
    expect(parseLpstatPrinters('no system default destination\n')).toEqual({ printers: [], defaultName: null });
  });

  it('parses request ids from files and from stdin', () => {
    expect(parseRequestId('request id is MotCuaPDF-12 (1 file(s))\n')).toBe('MotCuaPDF-12');
    expect(parseRequestId('request id is May-in-2-7 (0 file(s))')).toBe('May-in-2-7');
    expect(parseRequestId('lp: Error - x')).toBeNull();
    expect(queueOfJob('May-in-2-7')).toBe('May-in-2');
    expect(queueOfJob('nojob')).toBeNull();
  });

  it('rejects names CUPS cannot have, including option-looking ones', () => {
    expect(isValidQueueName('MotCuaPDF')).toBe(true);
    expect(isValidQueueName('Máy_in')).toBe(true);
    for (const bad of ['', 'a b', 'a/b', 'a#b', '-o', 'x\ny', 'x'.repeat(128)]) expect(isValidQueueName(bad)).toBe(false);
  });
});

describe('CupsPrinter with a scripted runner', () => {
  it('runs lp with an argument array, LANG=C, the PDF on stdin, and returns the job id', async () => {
    const { run, calls } = scripted([IDLE, ok('request id is Q-12 (0 file(s))\n')]);
    const p = new CupsPrinter({ run });
    const job = await p.print(PDF, { printer: 'Q', copies: 3, paper: 'A5', title: 'Phiếu hẹn\n; rm -rf /' });
    expect(job).toEqual({ jobId: 'Q-12', printer: 'Q' });
    expect(calls[0]?.args).toEqual(['-l', '-p', 'Q', '-d']);
    expect(calls[1]?.command).toBe('lp');
    expect(calls[1]?.args).toEqual(['-d', 'Q', '-n', '3', '-t', 'Phiếu hẹn ; rm -rf /', '-o', 'media=A5', '-']);
    expect(calls[1]?.options?.input?.equals(PDF)).toBe(true);
    expect(calls[1]?.options?.env?.LANG).toBe('C');
    expect(calls[1]?.options?.env?.LC_ALL).toBe('C');
  });

  it('omits media when no paper is asked for, and defaults to one copy', async () => {
    const { run, calls } = scripted([IDLE, ok('request id is Q-1 (0 file(s))')]);
    await new CupsPrinter({ run }).print(PDF, { printer: 'Q' });
    expect(calls[1]?.args).toEqual(['-d', 'Q', '-n', '1', '-t', 'MotCua Desk', '-']);
  });

  it('sets CUPS_SERVER when a server is configured', async () => {
    const { run, calls } = scripted([ok('')]);
    await new CupsPrinter({ run, server: 'printsrv.local:631' }).list().catch(() => {});
    expect(calls[0]?.options?.env?.CUPS_SERVER).toBe('printsrv.local:631');
  });

  it('refuses a stopped printer before calling lp, with the reason in details', async () => {
    const { run, calls } = scripted([ok(LPSTAT)]);
    const e = await rejects(new CupsPrinter({ run }).print(PDF, { printer: 'Epson_Cu' }));
    expect(e.code).toBe('device_unavailable');
    expect(e.message).toContain('Máy in "Epson_Cu" đang tạm dừng');
    expect(e.details).toEqual({ printer: 'Epson_Cu', reason: 'Paused: out of paper' });
    expect(calls.map((c) => c.command)).toEqual(['lpstat']);
  });

  it('maps a missing lp/lpstat binary to device_unavailable naming CUPS', async () => {
    const run = async (command: string): Promise<RunResult> => {
      throw new RunFailure('not_found', command);
    };
    const e = await rejects(new CupsPrinter({ run }).list());
    expect(e.code).toBe('device_unavailable');
    expect(e.message).toContain('chưa cài dịch vụ in CUPS');
  });

  it('maps "too many jobs" to device_busy and an lp timeout to device_busy naming the printer', async () => {
    const a = scripted([IDLE, fail('lp: Error - Too many active jobs.')]);
    const e1 = await rejects(new CupsPrinter({ run: a.run }).print(PDF, { printer: 'Q' }));
    expect(e1.code).toBe('device_busy');
    expect(e1.message).toContain('Máy in "Q" đang bận');

    const b = scripted([
      IDLE,
      () => {
        throw new RunFailure('timeout', 'lp');
      },
    ]);
    const e2 = await rejects(new CupsPrinter({ run: b.run }).print(PDF, { printer: 'Q' }));
    expect(e2.code).toBe('device_busy');
    expect(e2.message).toContain('"Q"');
  });

  it('validates input before touching CUPS', async () => {
    const { run, calls } = scripted([]);
    const p = new CupsPrinter({ run });
    expect((await rejects(p.print(Buffer.from('GIF89a'), { printer: 'Q' }))).code).toBe('invalid_input');
    for (const copies of [0, 1.5, 100, -1]) expect((await rejects(p.print(PDF, { printer: 'Q', copies }))).code).toBe('invalid_input');
    expect(calls).toHaveLength(0);
  });

  it('honours an already-aborted signal without submitting', async () => {
    const { run, calls } = scripted([]);
    const ac = new AbortController();
    ac.abort();
    await expect(new CupsPrinter({ run }).print(PDF, { printer: 'Q', signal: ac.signal })).rejects.toThrow();
    expect(calls).toHaveLength(0);
  });

  it('waitForJob polls until the job leaves the not-completed list', async () => {
    const row = 'Q-5   root   2048   Sun Nov 29 09:44:57 2026\n';
    const { run, calls } = scripted([ok(row + 'Q-6 root 1 x\n'), ok(row), ok('Q-6 root 1 x\n')]);
    await new CupsPrinter({ run, pollIntervalMs: 1 }).waitForJob('Q-5', { timeoutMs: 5_000 });
    expect(calls).toHaveLength(3);
    expect(calls[0]?.args).toEqual(['-W', 'not-completed', '-o', 'Q']);
  });

  it('waitForJob times out with device_busy when the printer is running but the job stays', async () => {
    const row = ok('Q-5 root 2048 x\n');
    const { run } = scripted([row, row, row, row, row, row, row, row, row, row, IDLE]);
    const e = await rejects(new CupsPrinter({ run, pollIntervalMs: 20 }).waitForJob('Q-5', { timeoutMs: 50 }));
    expect(e.code).toBe('device_busy');
    expect(e.message).toContain('chưa in xong lệnh Q-5');
  });
});

describe('runProcess', () => {
  it('kills a child that outlives its timeout', async () => {
    const t0 = Date.now();
    await expect(runProcess('sleep', ['5'], { timeoutMs: 150 })).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('reports a missing program as not_found and passes stdin through', async () => {
    await expect(runProcess('motcua-no-such-program', [])).rejects.toMatchObject({ reason: 'not_found' });
    const r = await runProcess('cat', [], { input: Buffer.from('xin chào') });
    expect(r).toEqual({ code: 0, stdout: 'xin chào', stderr: '' });
  });

  it('stops on abort', async () => {
    const ac = new AbortController();
    const p = runProcess('sleep', ['5'], { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toMatchObject({ reason: 'aborted' });
  });
});
