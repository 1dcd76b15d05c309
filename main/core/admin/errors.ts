import { AppError } from '../../../shared/errors';

/**
 * Turn what the file system or SQLite says about a backup folder into a sentence the admin can act
 * on. `folder` is named in every message because the usual cause is the USB stick itself.
 */
export function folderError(err: unknown, folder: string): AppError {
  if (err instanceof AppError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const details = { folder, cause: code || (err as Error)?.message };
  const make = (c: 'device_unavailable' | 'internal', message: string) => new AppError(c, message, { details, cause: err });
  const nothingLeft = 'Không có tệp sao lưu dở dang nào được để lại.';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return make('device_unavailable', `Ổ đĩa chứa thư mục "${folder}" đã đầy, không đủ chỗ cho bản sao lưu. Hãy xóa bớt tệp không cần hoặc dùng ổ USB khác có nhiều chỗ trống hơn, rồi sao lưu lại. ${nothingLeft}`);
  }
  if (code === 'EROFS' || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) {
    return make('device_unavailable', `Thư mục "${folder}" chỉ cho phép đọc (ổ USB có thể đang gạt khóa chống ghi). Hãy mở khóa chống ghi hoặc chọn thư mục khác, rồi sao lưu lại. ${nothingLeft}`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || code === 'SQLITE_CANTOPEN') {
    return make('device_unavailable', `Không có quyền ghi vào thư mục "${folder}". Hãy chọn thư mục khác (ví dụ một thư mục trên ổ USB) hoặc nhờ người quản trị máy cấp quyền ghi, rồi sao lưu lại. ${nothingLeft}`);
  }
  // A path the OS cannot take (too long, a NUL byte): the admin's input, not a fault of the desk.
  if (code === 'ENAMETOOLONG' || code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_ARG_TYPE') {
    return new AppError('invalid_input', `Đường dẫn thư mục "${folder.replace(/\0/g, '').slice(0, 120)}" không dùng được (quá dài hoặc có ký tự không hợp lệ). Hãy chọn thư mục khác.`, {
      details,
      cause: err,
      issues: [{ path: 'folder', message: 'Đường dẫn thư mục không dùng được.' }],
    });
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return make('device_unavailable', `Không tìm thấy thư mục "${folder}". Hãy cắm ổ USB (hoặc tạo thư mục) và kiểm tra lại đường dẫn, rồi sao lưu lại.`);
  }
  if (code === 'EFBIG') {
    return make('device_unavailable', `Tệp sao lưu quá lớn so với định dạng của ổ đĩa chứa "${folder}" (ổ FAT32 chỉ chứa tệp dưới 4 GB). Hãy dùng ổ USB định dạng exFAT hoặc NTFS. ${nothingLeft}`);
  }
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR') || code === 'ENXIO' || code === 'ENODEV') {
    return make('device_unavailable', `Lỗi đọc/ghi ổ đĩa chứa "${folder}" (ổ USB có thể vừa bị rút ra hoặc bị hỏng). Hãy cắm lại ổ, kiểm tra ổ trên máy khác nếu cần, rồi sao lưu lại. ${nothingLeft}`);
  }
  if (code === 'EBUSY') {
    return make('device_unavailable', `Thư mục "${folder}" đang bị chương trình khác giữ. Hãy đóng chương trình đó (ví dụ trình quét virus, cửa sổ thư mục) rồi thử lại.`);
  }
  return make('internal', `Không sao lưu được vào thư mục "${folder}": ${(err as Error)?.message ?? String(err)}`);
}
