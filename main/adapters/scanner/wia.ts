import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { digitizeVi } from '../../../shared/i18n/vi/digitize';
import { ScanInterruptedError, type ScannedPage, type Scanner, type ScannerDevice, type ScanOptions, type ScanRequest } from '../../core/ports/scanner';
import { pngSize } from './png-info';

/**
 * Windows Image Acquisition through a PowerShell script driving the `WIA.DeviceManager` COM object
 * (present on every Windows since XP, no driver SDK needed). The script is written to a temp .ps1
 * and run with `-File` plus an argument array, so no value is ever pasted into script text.
 * Output protocol, one line each: `DEVICE\t<id>\t<vendor>\t<model>\t<type>`, `PAGE\t<path>`, `ERROR\t0x<hresult>\t<text>`.
 */

/** WIA property ids (wiadef.h). */
export const WIA = {
  DPS_DOCUMENT_HANDLING_CAPABILITIES: 3086,
  DPS_DOCUMENT_HANDLING_STATUS: 3087,
  DPS_DOCUMENT_HANDLING_SELECT: 3088,
  DPS_PAGES: 3096,
  IPA_DATATYPE: 4103,
  IPA_DEPTH: 4104,
  IPS_CUR_INTENT: 6146,
  IPS_XRES: 6147,
  IPS_YRES: 6148,
  IPS_XPOS: 6149,
  IPS_YPOS: 6150,
  IPS_XEXTENT: 6151,
  IPS_YEXTENT: 6152,
  // WIA_DPS_DOCUMENT_HANDLING_SELECT flags
  FEEDER: 0x001,
  FLATBED: 0x002,
  DUPLEX: 0x004,
  // WIA_DPS_DOCUMENT_HANDLING_STATUS
  FEED_READY: 0x001,
  // WIA_IPS_CUR_INTENT
  INTENT_COLOR: 1,
  INTENT_GRAYSCALE: 2,
  INTENT_TEXT: 4,
  // WIA_IPA_DATATYPE
  DATA_THRESHOLD: 0,
  DATA_GRAYSCALE: 2,
  DATA_COLOR: 3,
  FORMAT_PNG: '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}',
} as const;

/** WIA HRESULTs a clerk can act on. */
export const WIA_ERRORS = {
  PAPER_JAM: 0x80210002,
  PAPER_EMPTY: 0x80210003,
  PAPER_PROBLEM: 0x80210004,
  OFFLINE: 0x80210005,
  BUSY: 0x80210006,
  DEVICE_COMMUNICATION: 0x8021000a,
  DEVICE_LOCKED: 0x8021000d,
  NO_DEVICE_AVAILABLE: 0x80210015,
  COVER_OPEN: 0x80210016,
} as const;

export const WIA_SCRIPT = String.raw`param(
  [Parameter(Mandatory=$true)][ValidateSet('list','scan')][string]$Action,
  [string]$DeviceId = '',
  [int]$Dpi = 200,
  [int]$Intent = 1,
  [int]$DataType = 3,
  [int]$Handling = 2,
  [int]$Pages = 1,
  [double]$WidthMm = 210,
  [double]$HeightMm = 297,
  [string]$OutDir = ''
)
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$T = [string][char]9
function Out-Line([string]$s) { [Console]::Out.WriteLine($s); [Console]::Out.Flush() }
# PowerShell wraps COM failures in MethodInvocationException; the WIA HRESULT is on the innermost one.
function Get-Inner($e) { $x = $e.Exception; while ($x.InnerException) { $x = $x.InnerException }; return $x }
function Fail($e) {
  $x = Get-Inner $e
  Out-Line ("ERROR$($T)0x{0:X8}$($T){1}" -f $x.HResult, ($x.Message -replace '\s+', ' '))
}
function Set-WiaProp($props, [int]$id, $value) {
  foreach ($p in $props) { if ($p.PropertyID -eq $id) { try { $p.Value = $value; return $true } catch { return $false } } }
  return $false
}
function Get-WiaProp($props, [int]$id) {
  foreach ($p in $props) { if ($p.PropertyID -eq $id) { return $p.Value } }
  return $null
}
try {
  $dm = New-Object -ComObject WIA.DeviceManager
  if ($Action -eq 'list') {
    foreach ($info in $dm.DeviceInfos) {
      if ($info.Type -ne 1) { continue }  # 1 = ScannerDeviceType
      $name = $info.Properties.Item('Name').Value
      $maker = $info.Properties.Item('Manufacturer').Value
      Out-Line ("DEVICE$($T){0}$($T){1}$($T){2}$($T)scanner" -f $info.DeviceID, $maker, $name)
    }
    exit 0
  }
  $info = $null
  foreach ($i in $dm.DeviceInfos) { if ($i.DeviceID -eq $DeviceId) { $info = $i } }
  if ($null -eq $info) { Out-Line "ERROR$($T)0x80210015$($T)device not found"; exit 3 }
  $dev = $info.Connect()
  $feeder = ($Handling -band ${WIA.FEEDER}) -ne 0
  if ($feeder) {
    [void](Set-WiaProp $dev.Properties ${WIA.DPS_DOCUMENT_HANDLING_SELECT} $Handling)
    # One page per Transfer; the loop below asks the feeder again.
    [void](Set-WiaProp $dev.Properties ${WIA.DPS_PAGES} 1)
  } else {
    [void](Set-WiaProp $dev.Properties ${WIA.DPS_DOCUMENT_HANDLING_SELECT} ${WIA.FLATBED})
  }
  $item = $dev.Items.Item(1)
  [void](Set-WiaProp $item.Properties ${WIA.IPS_CUR_INTENT} $Intent)
  [void](Set-WiaProp $item.Properties ${WIA.IPA_DATATYPE} $DataType)
  if (-not (Set-WiaProp $item.Properties ${WIA.IPS_XRES} $Dpi)) { Out-Line ("ERROR$($T)0x8021000C$($T)resolution {0} not accepted" -f $Dpi); exit 4 }
  [void](Set-WiaProp $item.Properties ${WIA.IPS_YRES} $Dpi)
  [void](Set-WiaProp $item.Properties ${WIA.IPS_XPOS} 0)
  [void](Set-WiaProp $item.Properties ${WIA.IPS_YPOS} 0)
  [void](Set-WiaProp $item.Properties ${WIA.IPS_XEXTENT} ([int][math]::Round($WidthMm / 25.4 * $Dpi)))
  [void](Set-WiaProp $item.Properties ${WIA.IPS_YEXTENT} ([int][math]::Round($HeightMm / 25.4 * $Dpi)))
  $png = '${WIA.FORMAT_PNG}'
  $n = 0
  while ($true) {
    if ($feeder -and $n -gt 0) {
      $status = Get-WiaProp $dev.Properties ${WIA.DPS_DOCUMENT_HANDLING_STATUS}
      if ($null -ne $status -and (($status -band ${WIA.FEED_READY}) -eq 0)) { break }
    }
    try {
      $img = $item.Transfer($png)
    } catch {
      # Feeder empty after at least one page ends the batch normally.
      if ($feeder -and $n -gt 0 -and (Get-Inner $_).HResult -eq 0x80210003) { break }
      throw
    }
    if ($img.FormatID -ne $png) {
      $ip = New-Object -ComObject WIA.ImageProcess
      $ip.Filters.Add($ip.FilterInfos.Item('Convert').FilterID)
      $ip.Filters.Item(1).Properties.Item('FormatID').Value = $png
      $img = $ip.Apply($img)
    }
    $n++
    $path = Join-Path $OutDir ('p{0:D4}.png' -f $n)
    $img.SaveFile($path)
    Out-Line ("PAGE$($T){0}" -f $path)
    if (-not $feeder) { break }
    if ($Pages -gt 0 -and $n -ge $Pages) { break }
  }
  exit 0
} catch {
  Fail $_
  exit 2
}
`;

export interface WiaScannerOptions {
  /** powershell.exe (Windows PowerShell 5.1 is always there; pwsh also works). */
  powershell?: string;
  tmpDir?: string;
  platform?: NodeJS.Platform;
}

export function intentFor(mode: ScanRequest['mode']): { intent: number; dataType: number } {
  if (mode === 'color') return { intent: WIA.INTENT_COLOR, dataType: WIA.DATA_COLOR };
  if (mode === 'gray') return { intent: WIA.INTENT_GRAYSCALE, dataType: WIA.DATA_GRAYSCALE };
  return { intent: WIA.INTENT_TEXT, dataType: WIA.DATA_THRESHOLD };
}

export function handlingFor(source: ScanRequest['source']): number {
  if (source === 'flatbed') return WIA.FLATBED;
  if (source === 'adf') return WIA.FEEDER;
  return WIA.FEEDER | WIA.DUPLEX;
}

const PS_PREFIX = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File'];

export function buildWiaListArgs(scriptPath: string): string[] {
  return [...PS_PREFIX, scriptPath, '-Action', 'list'];
}

export function buildWiaScanArgs(req: ScanRequest, scriptPath: string, outDir: string): string[] {
  const { intent, dataType } = intentFor(req.mode);
  const pages = req.source === 'flatbed' ? 1 : (req.pages ?? 0);
  return [
    ...PS_PREFIX,
    scriptPath,
    '-Action', 'scan',
    '-DeviceId', req.device,
    '-Dpi', String(req.dpi),
    '-Intent', String(intent),
    '-DataType', String(dataType),
    '-Handling', String(handlingFor(req.source)),
    '-Pages', String(pages),
    '-WidthMm', '210',
    '-HeightMm', '297',
    '-OutDir', outDir,
  ];
}

export type WiaLine = { type: 'device'; device: ScannerDevice } | { type: 'page'; path: string } | { type: 'error'; hresult: number; message: string } | { type: 'other'; text: string };

export function parseWiaLine(line: string): WiaLine {
  const parts = line.replace(/\r$/, '').split('\t');
  if (parts[0] === 'DEVICE' && parts.length >= 5) return { type: 'device', device: { id: parts[1]!, vendor: parts[2]!, model: parts[3]!, type: parts[4]! } };
  if (parts[0] === 'PAGE' && parts[1]) return { type: 'page', path: parts.slice(1).join('\t') };
  if (parts[0] === 'ERROR' && parts[1]) return { type: 'error', hresult: Number.parseInt(parts[1], 16) >>> 0, message: parts.slice(2).join('\t') };
  return { type: 'other', text: line };
}

export function mapWiaError(hresult: number, pagesDone: number): AppError {
  const details = { hresult: `0x${hresult.toString(16).toUpperCase()}` };
  switch (hresult) {
    case WIA_ERRORS.BUSY:
    case WIA_ERRORS.DEVICE_LOCKED:
      return new AppError('device_busy', digitizeVi.scannerBusy, { details });
    case WIA_ERRORS.PAPER_JAM:
    case WIA_ERRORS.PAPER_PROBLEM:
      return new AppError('device_unavailable', digitizeVi.paperJam(pagesDone), { details });
    case WIA_ERRORS.PAPER_EMPTY:
      return new AppError('device_unavailable', pagesDone === 0 ? digitizeVi.feederEmpty : digitizeVi.stoppedMidway(pagesDone), { details });
    case WIA_ERRORS.COVER_OPEN:
      return new AppError('device_unavailable', digitizeVi.coverOpen, { details });
    case WIA_ERRORS.NO_DEVICE_AVAILABLE:
    case WIA_ERRORS.OFFLINE:
      return pagesDone > 0
        ? new AppError('device_unavailable', digitizeVi.stoppedMidway(pagesDone), { details })
        : new AppError('device_unavailable', digitizeVi.scannerNotFound('WIA'), { details });
    default:
      return new AppError('device_unavailable', digitizeVi.stoppedMidway(pagesDone), { details });
  }
}

export class WiaScanner implements Scanner {
  readonly kind = 'wia';
  constructor(private readonly cfg: WiaScannerOptions = {}) {}

  private ensureWindows(): void {
    if ((this.cfg.platform ?? process.platform) !== 'win32') throw new AppError('device_unavailable', digitizeVi.windowsOnly);
  }

  async list(): Promise<ScannerDevice[]> {
    this.ensureWindows();
    const devices: ScannerDevice[] = [];
    await this.withScript(async (script) => {
      await this.runLines(buildWiaListArgs(script), async (l) => {
        if (l.type === 'device') devices.push(l.device);
        if (l.type === 'error') throw mapWiaError(l.hresult, 0);
      });
    });
    return devices;
  }

  async scan(req: ScanRequest, opts: ScanOptions = {}): Promise<ScannedPage[]> {
    this.ensureWindows();
    const kept: ScannedPage[] = [];
    const total = req.source === 'flatbed' ? 1 : (req.pages ?? null);
    let done = 0;
    return this.withScript(async (script, dir) => {
      try {
        await this.runLines(
          buildWiaScanArgs(req, script, dir),
          async (l) => {
            if (l.type === 'error') throw mapWiaError(l.hresult, done);
            if (l.type !== 'page') return;
            const image = await readFile(l.path);
            const size = pngSize(image);
            if (!size) throw new AppError('device_unavailable', digitizeVi.stoppedMidway(done));
            await unlink(l.path).catch(() => {});
            const page: ScannedPage = { index: done, image, width: size.width, height: size.height, dpi: req.dpi };
            done++;
            if (opts.retainPages !== false) kept.push(page);
            opts.onPage?.(page, done, total);
          },
          opts.signal,
        );
      } catch (e) {
        if (opts.signal?.aborted) throw new ScanInterruptedError('conflict', digitizeVi.cancelled(done), { pages: kept, pagesScanned: done, reason: 'cancelled' });
        if (done > 0 && e instanceof AppError) {
          throw new ScanInterruptedError(e.code, e.message, { pages: kept, pagesScanned: done, reason: 'device', cause: e });
        }
        throw e;
      }
      return opts.retainPages === false ? [] : kept;
    });
  }

  private async withScript<T>(fn: (script: string, dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(this.cfg.tmpDir ?? tmpdir(), 'motcua-wia-'));
    try {
      const script = join(dir, 'wia-scan.ps1');
      // BOM: Windows PowerShell 5.1 reads BOM-less scripts in the ANSI code page.
      await writeFile(script, '\ufeff' + WIA_SCRIPT, 'utf8');
      return await fn(script, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private runLines(args: string[], onLine: (l: WiaLine) => Promise<void>, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.cfg.powershell ?? 'powershell.exe', args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      let buf = '';
      let chain: Promise<void> = Promise.resolve();
      let failed: unknown = null;
      const onAbort = () => child.kill();
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (s: string) => {
        buf += s;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          chain = chain.then(async () => {
            if (failed) return;
            try {
              await onLine(parseWiaLine(line));
            } catch (e) {
              failed = e;
              child.kill();
            }
          });
        }
      });
      child.on('error', (e) => reject(new AppError('device_unavailable', digitizeVi.windowsOnly, { cause: e })));
      child.on('close', (code) => {
        signal?.removeEventListener('abort', onAbort);
        void chain.then(() => {
          if (failed) reject(failed);
          else if (signal?.aborted) reject(new AppError('conflict', digitizeVi.cancelled(0)));
          else if (code !== 0) reject(new AppError('device_unavailable', digitizeVi.stoppedMidway(0)));
          else resolve();
        });
      });
    });
  }
}
