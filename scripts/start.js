// `npm start`: open the desktop window when the Electron binary is installed; otherwise say so
// in one line and start browser mode instead (as on build machines that cannot download Electron).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    return require('electron');
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (binary && typeof binary === 'string') {
  const child = spawn(binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Không có Electron trên máy này — mở chế độ trình duyệt thay thế (browser mode). Máy có Internet: chạy "node node_modules/electron/install.js" để dùng cửa sổ ứng dụng.');
  const child = spawn(process.execPath, ['dist/node/host.mjs', ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
