/** Vietnamese strings for the recovery code, the office key and the keyed audit chain (issue 15). Part of `vi`. */

export const trustVi = {
  trust: {
    keyDirInsideData: (dir: string) =>
      `Thư mục giữ khóa "${dir}" nằm trong thư mục dữ liệu: khóa để cạnh dữ liệu thì không bảo vệ được gì (bản sao thư mục dữ liệu sẽ mang theo khóa). Hãy chọn thư mục khác (biến MOTCUA_KEY_DIR).`,
    keyUnreadable: (dir: string) => `Không đọc được tệp khóa trong "${dir}". Hãy kiểm tra quyền của thư mục (chỉ tài khoản dùng phần mềm được đọc).`,
    keyUnwritable: (dir: string) => `Không ghi được tệp khóa vào "${dir}". Hãy kiểm tra ổ đĩa còn chỗ và quyền ghi của thư mục, rồi thử lại.`,
    officeKeyMissing:
      'Máy này chưa nhận khóa văn phòng nên chưa ghi được thay đổi: nhật ký của văn phòng đã được khóa bằng mã khôi phục. ' +
      'Người quản trị hãy vào Cài đặt → An toàn dữ liệu (hoặc chạy "motcua trust join") và nhập mã khôi phục in trên phiếu khôi phục.',
    recordDamaged: 'Bản ghi mã khôi phục trong cơ sở dữ liệu bị hỏng. Hãy chạy "motcua audit verify" và báo bộ phận kỹ thuật.',
    alreadyKeyed: 'Văn phòng đã có mã khôi phục. Mã chỉ hiện một lần lúc tạo; nếu mất phiếu, xem hướng dẫn trên phiếu khôi phục và trong SECURITY.md.',
    notKeyed: 'Văn phòng chưa có mã khôi phục. Người quản trị hãy tạo mã trước (Cài đặt → An toàn dữ liệu, hoặc "motcua trust create-code").',
    codeWrong: 'Mã khôi phục không đúng. Hãy đối chiếu từng nhóm 4 ký tự trên phiếu khôi phục rồi nhập lại.',
    codeRequired: 'Cần mã khôi phục của văn phòng (in trên phiếu khôi phục cất trong tủ).',
    unkeyedWarning:
      'Nhật ký và bản sao lưu CHƯA được khóa: văn phòng chưa có mã khôi phục. Người quản trị hãy tạo mã khôi phục, in phiếu và cất vào tủ.',
    chainReason: {
      hash_mismatch: 'nội dung một mục đã bị sửa (dấu niêm phong không khớp)',
      link_mismatch: 'liên kết với mục trước đã bị thay đổi',
      gap: 'thiếu mục (đã bị xóa)',
      head_mismatch: 'các mục cuối đã bị xóa hoặc đầu chuỗi bị sửa',
      unkeyed_after_keyed: 'có mục không được niêm phong bằng khóa văn phòng (nhật ký đã bị tính lại)',
      keying_removed: 'dấu khóa của nhật ký đã bị gỡ bỏ',
      key_missing: 'máy này chưa có khóa văn phòng để kiểm tra (hãy nhập mã khôi phục)',
    } as Record<string, string>,
    rowChange: { edited: 'bị sửa trực tiếp', added: 'được thêm ngoài phần mềm', deleted: 'bị xóa ngoài phần mềm' } as Record<string, string>,
    anchorMissing: (seq: number) => `Không còn mục số ${seq} mà mã kiểm tra đối chiếu ghi lại: nhật ký đã bị xóa bớt từ trước điểm đó.`,
    anchorDifferent: (seq: number) => `Mục số ${seq} khác với lúc ghi mã kiểm tra: nhật ký trước điểm đó đã bị viết lại.`,
    anchorUnreadable: 'Mã kiểm tra sổ không đúng dạng. Mã có dạng "1234-9F3A-1B2C-7D8E-0A1B" (số mục, rồi 4 nhóm 4 ký tự).',
  },
} as const;
